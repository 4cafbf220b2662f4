import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as UserRepository from '#db/repositories/users.ts'
import { AuthCard } from '../components/AuthCard.tsx'
import { ConformForm, TextField, useSchemaForm } from '../components/forms.tsx'
import { getDb } from '../utils/db.server.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import {
  clearSignInChallengeCookie,
  finishSignInChallenge,
  readSignInChallenge,
  requireAnonymous,
} from '../utils/session.server.ts'
import { verifySecondFactor } from '../utils/two-factor.server.ts'
import { secondFactorCode, z } from '../utils/validation.ts'

// The second step of sign-in (ADR 064): only a browser that passed the password step a few
// minutes ago reaches it, and it opens a session only for a right, unused code.

const schema = z.object({ code: secondFactorCode })

/** The waiting challenge, or back to the sign-in page (none, expired, or its person is gone). */
async function requireChallenge(request: Request) {
  const challenge = await readSignInChallenge(request)
  if (challenge) return challenge
  throw redirect('/login', { headers: { 'Set-Cookie': await clearSignInChallengeCookie(request) } })
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  await requireChallenge(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const challenge = await requireChallenge(request)
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success')
    return data({ result: submission.reply({ hideFields: ['code'] }) }, { status: 400 })
  const user = await UserRepository.findActiveById(getDb(), challenge.user_id)
  if (!user) throw redirect('/login', { headers: { 'Set-Cookie': await clearSignInChallengeCookie(request) } })
  const ip = clientIp(request)
  const check = await verifySecondFactor(user, submission.value.code, ip)
  if (check.status !== 'ok') {
    const message = check.status === 'throttled' ? 'auth.throttled' : 'twoFactor.wrongCode'
    return data(
      { result: submission.reply({ fieldErrors: { code: [message] }, hideFields: ['code'] }) },
      { status: check.status === 'throttled' ? 429 : 400 },
    )
  }
  const headers = await finishSignInChallenge(request, challenge, ip)
  // Taken by a twin request with the same code a moment earlier: that one signed in.
  if (!headers) throw redirect('/login')
  const next = check.recoveryCodeUsed ? '/account/two-factor?recovered' : challenge.redirect_to
  throw redirect(next, { headers })
}

export const meta: MetaFunction = () => [{ title: 'Two-factor sign-in · SCP Portal' }]

export default function TwoFactorSignInPage() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(schema, { id: 'two-factor-sign-in', lastResult: actionData?.result })
  return (
    <AuthCard id="two-factor-sign-in" title={t('twoFactor.signInTitle')}>
      <p className="lede">{t('twoFactor.signInIntro')}</p>
      <ConformForm form={form}>
        <TextField
          field={fields.code}
          label={t('twoFactor.code')}
          hint={t('twoFactor.codeOrRecoveryHint')}
          autoComplete="one-time-code"
        />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {t('twoFactor.verify')}
        </button>
      </ConformForm>
      <p>
        <Link to="/login" className="button">
          {t('twoFactor.startAgain')}
        </Link>
      </p>
    </AuthCard>
  )
}
