import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as SessionRepository from '#db/repositories/sessions.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { ConformForm, NewPasswordFields, TextField, useSchemaForm } from '../components/forms.tsx'
import { organisationAccountOf } from '../oidc/account.server.ts'
import { OrganisationAccountSection } from '../oidc/OrganisationAccountSection.tsx'
import { recordSecurityEvent } from '../mail/enqueue.server.ts'
import { hashPassword } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { formatDateTime } from '../utils/locales.ts'
import { describeUserAgent } from '../utils/user-agent.ts'
import { attemptLogin } from '../utils/login.server.ts'
import { requireUser, SESSION_IDLE_SECONDS } from '../utils/session.server.ts'
import { password, z } from '../utils/validation.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import { displayAddress } from '../utils/ip-address.ts'

const passwordFields = z.object({
  intent: z.literal('change-password'),
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
  confirmPassword: z.string().min(1).max(256),
})

function samePasswords(v: { intent: string; newPassword?: string; confirmPassword?: string }, ctx: z.RefinementCtx) {
  if (v.intent === 'change-password' && v.newPassword !== v.confirmPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'validation.passwordsDiffer' })
  }
}

const passwordSchema = passwordFields.superRefine(samePasswords)

// Discriminated by intent, so a failed password change reports each field, not one union error.
const schema = z
  .discriminatedUnion('intent', [
    passwordFields,
    z.object({ intent: z.literal('end-session'), sessionId: z.string().regex(/^[0-9a-f]{64}$/) }),
    z.object({ intent: z.literal('end-other-sessions') }),
  ])
  .superRefine(samePasswords)

export const handle = { i18n: ['common', 'oidc'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const sessions = await SessionRepository.findLiveByUser(getDb(), user.id, SESSION_IDLE_SECONDS)
  return {
    profile: {
      name: user.name,
      email: user.email,
      organisation: user.organisation_name,
      role: user.global_role,
      twoFactor: user.has_second_factor,
    },
    sessions: sessions.map((s) => ({ ...s, current: s.id_hash === user.sessionIdHash })),
    organisationAccount: await organisationAccountOf(user),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success')
    return data(
      { result: submission.reply({ hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] }), done: null },
      { status: 400 },
    )
  const db = getDb()
  const v = submission.value
  if (v.intent === 'change-password') {
    // Checked and throttled like a sign-in, so a stolen session cannot guess the password freely.
    const check = await attemptLogin(user.email, v.currentPassword, clientIp(request))
    if (check.status !== 'ok') {
      const error = check.status === 'throttled' ? 'auth.throttled' : 'account.wrongPassword'
      const reply = submission.reply({
        fieldErrors: { currentPassword: [error] },
        hideFields: ['currentPassword', 'newPassword', 'confirmPassword'],
      })
      return data({ result: reply, done: null }, { status: check.status === 'throttled' ? 429 : 400 })
    }
    const passwordHash = await hashPassword(v.newPassword)
    await db.transaction().execute(async (trx) => {
      await UserRepository.updatePassword(trx, user.id, passwordHash)
      // A changed password ends every other session, in case the old one was known to someone else.
      await SessionRepository.deleteAllForUserExcept(trx, user.id, user.sessionIdHash)
      await recordSecurityEvent(trx, { userId: user.id, kind: 'password_changed', ip: clientIp(request) })
    })
    return { result: submission.reply({ resetForm: true }), done: 'account.passwordChanged' }
  }
  if (v.intent === 'end-session') {
    const ended = await SessionRepository.deleteForUser(db, user.id, v.sessionId)
    if (!ended)
      return data({ result: submission.reply({ formErrors: ['account.sessionGone'] }), done: null }, { status: 400 })
    return { result: submission.reply(), done: 'account.sessionEnded' }
  }
  await SessionRepository.deleteAllForUserExcept(db, user.id, user.sessionIdHash)
  return { result: submission.reply(), done: 'account.sessionEnded' }
}

export default function AccountPage() {
  const { profile, sessions, organisationAccount } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  const [form, fields] = useSchemaForm(passwordSchema, {
    id: 'change-password',
    lastResult: actionData?.result,
  })
  return (
    <div className="page page--narrow">
      <title>{t('account.title')}</title>
      <h1>{t('account.title')}</h1>
      {actionData?.done ? (
        <p className="alert alert--success" role="status">
          {t(actionData.done)}
        </p>
      ) : null}
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('account.profile')}</h2>
        <dl className="definition-grid">
          <dt>{t('account.name')}</dt>
          <dd>{profile.name}</dd>
          <dt>{t('auth.email')}</dt>
          <dd>{profile.email}</dd>
          <dt>{t('team.organisation')}</dt>
          <dd>{profile.organisation}</dd>
          <dt>{t('account.globalRole')}</dt>
          <dd>{t(`globalRoles.${profile.role}`)}</dd>
          <dt>{t('twoFactor.title')}</dt>
          <dd>
            {t(profile.twoFactor ? 'twoFactor.statusOn' : 'twoFactor.statusOff')} ·{' '}
            <Link to="/account/two-factor">{t('twoFactor.manage')}</Link>
          </dd>
        </dl>
      </section>
      {organisationAccount ? <OrganisationAccountSection account={organisationAccount} /> : null}
      <p>
        <Link to="/account/notifications">{t('account.notificationsLink')}</Link>
      </p>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('account.changePassword')}</h2>
        <ConformForm form={form}>
          <input type="hidden" name="intent" value="change-password" />
          <TextField
            field={fields.currentPassword}
            label={t('account.currentPassword')}
            type="password"
            autoComplete="current-password"
          />
          <NewPasswordFields newPassword={fields.newPassword} confirmPassword={fields.confirmPassword} />
          <button type="submit" className="button button--primary">
            {t('account.changePassword')}
          </button>
        </ConformForm>
      </section>
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('account.sessions')}</h2>
        <p className="field__hint">{t('account.sessionsHint')}</p>
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id_hash}>
              <div>
                <strong>{deviceName(s.user_agent, t)}</strong>
                <span className="cell-sub">
                  {t('account.lastSeen', { when: formatDateTime(s.last_seen_at, i18n.language) })}
                  {s.ip ? ` · ${displayAddress(s.ip)}` : ''}
                </span>
              </div>
              {s.current ? (
                <span className="pill pill--done">{t('account.thisSession')}</span>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="sessionId" value={s.id_hash} />
                  <button type="submit" className="button button--small">
                    {t('account.endSession')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-other-sessions" />
            <button type="submit" className="button button--danger">
              {t('account.endOtherSessions')}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  )
}

/** "Firefox on Windows" rather than the browser's User-Agent header, which people do not read. */
function deviceName(userAgent: string | null, t: (key: string, options?: Record<string, unknown>) => string): string {
  const { browser, system } = describeUserAgent(userAgent)
  if (browser && system) return t('account.device', { browser, system })
  if (browser) return browser
  if (system) return t('account.browserOn', { system })
  return t('account.unknownDevice')
}
