import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthCard } from '../components/AuthCard.tsx'
import { OrganisationSignInButton } from '../oidc/OrganisationSignInButton.tsx'
import { passwordSignInAllowed } from '../oidc/policy.server.ts'
import { oidcSettings } from '../oidc/settings.server.ts'
import { ConformForm, useSchemaForm, TextField } from '../components/forms.tsx'
import { attemptLogin } from '../utils/login.server.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import { completeSignIn, requireAnonymous } from '../utils/session.server.ts'
import { z } from '../utils/validation.ts'

const schema = z.object({
  email: z.string().trim().min(1).max(254).email(),
  password: z.string().min(1).max(256),
  redirectTo: z.string().max(2000).optional(),
})

export const handle = { i18n: ['common', 'oidc'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const oidc = oidcSettings()
  return { organisationSignIn: oidc ? { name: oidc.name } : null }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const { email, password, redirectTo } = submission.value
  // Decided by the email's domain alone, before the password is looked at (ADR 063).
  if (!(await passwordSignInAllowed(email)))
    return data(
      { result: submission.reply({ formErrors: ['auth.organisationSignInRequired'], hideFields: ['password'] }) },
      { status: 403 },
    )
  const ip = clientIp(request)
  const result = await attemptLogin(email, password, ip)
  if (result.status !== 'ok') {
    const message = result.status === 'throttled' ? 'auth.throttled' : 'auth.invalidCredentials'
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ['password'] }) },
      { status: result.status === 'throttled' ? 429 : 400 },
    )
  }
  // A session, the second step, or enrolment first: decided in one place for every way in (ADR 064).
  return completeSignIn(request, result.userId, ip, redirectTo ?? '/plans')
}

export const meta: MetaFunction = () => [{ title: 'Sign in · SCP Portal' }]

export default function LoginPage() {
  const { t } = useTranslation()
  const { organisationSignIn } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(schema, {
    id: 'login',
    lastResult: actionData?.result,
  })
  return (
    <AuthCard id="login" title={t('auth.signInTitle')}>
      <p className="lede">{t('auth.signInIntro')}</p>
      <ConformForm form={form}>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <TextField field={fields.email} label={t('auth.email')} type="email" autoComplete="username" />
        <TextField field={fields.password} label={t('auth.password')} type="password" autoComplete="current-password" />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('auth.signIn')}
        </button>
      </ConformForm>
      {organisationSignIn ? (
        <OrganisationSignInButton name={organisationSignIn.name} redirectTo={searchParams.get('redirectTo')} />
      ) : null}
      <p>
        <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
      </p>
      <p className="field__hint">{t('auth.noAccountHint')}</p>
    </AuthCard>
  )
}
