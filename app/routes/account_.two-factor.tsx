import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as RecoveryCodeRepository from '#db/repositories/recovery-codes.ts'
import * as SecurityEventRepository from '#db/repositories/security-events.ts'
import { RecoveryCodes } from '../components/account/RecoveryCodes.tsx'
import { TwoFactorActivity } from '../components/account/TwoFactorActivity.tsx'
import { ConformForm, TextField, useSchemaForm } from '../components/forms.tsx'
import { getDb } from '../utils/db.server.ts'
import { clientIp, readFormData } from '../utils/request.server.ts'
import { requireUser, safeRedirect } from '../utils/session.server.ts'
import {
  confirmEnrolment,
  disableSecondFactor,
  mustHaveSecondFactor,
  pendingEnrolment,
  regenerateRecoveryCodes,
  startEnrolment,
  verifySecondFactor,
} from '../utils/two-factor.server.ts'
import { secondFactorCode, totpCode, z } from '../utils/validation.ts'

// Turning two-factor on, off, and new recovery codes (ADR 064). Someone REQUIRE_MFA_FOR names
// lands here after signing in and can open nothing else until it is on.

const confirmSchema = z.object({ intent: z.literal('confirm'), code: totpCode })
const regenerateSchema = z.object({ intent: z.literal('regenerate'), code: totpCode })
const disableSchema = z.object({ intent: z.literal('disable'), code: secondFactorCode })
const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start') }),
  confirmSchema,
  regenerateSchema,
  disableSchema,
])

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { enrolling: true })
  const db = getDb()
  const url = new URL(request.url)
  const [pending, recoveryCodesLeft, events] = await Promise.all([
    user.has_second_factor ? Promise.resolve(null) : pendingEnrolment(user),
    RecoveryCodeRepository.countUnused(db, user.id),
    SecurityEventRepository.findRecentByUser(db, user.id),
  ])
  return {
    enabled: user.has_second_factor,
    required: mustHaveSecondFactor(user.global_role),
    pending: pending ? { secret: pending.secret, uri: pending.uri, qrSvg: pending.qrSvg } : null,
    recoveryCodesLeft,
    recovered: url.searchParams.has('recovered'),
    redirectTo: safeRedirect(url.searchParams.get('redirectTo')),
    events,
  }
}

type Intent = 'start' | 'confirm' | 'regenerate' | 'disable'

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { enrolling: true })
  const submission = parseWithZod(await readFormData(request), { schema })
  const reply = (intent: Intent, status: number, fieldErrors?: Record<string, string[]>, formErrors?: string[]) =>
    data(
      { intent, result: submission.reply({ fieldErrors, formErrors, hideFields: ['code'] }), codes: null },
      { status },
    )
  if (submission.status !== 'success') {
    const intent = submission.payload.intent
    return reply(typeof intent === 'string' && isIntent(intent) ? intent : 'start', 400)
  }
  const v = submission.value
  const ip = clientIp(request)
  if (v.intent === 'start') {
    if (!(await startEnrolment(user.id))) return reply('start', 409, undefined, ['twoFactor.alreadyOn'])
    return { intent: v.intent, result: submission.reply(), codes: null }
  }
  if (v.intent === 'confirm') {
    const done = await confirmEnrolment(user, v.code, ip)
    if (done.status !== 'ok') return codeRefused(reply, 'confirm', done.status)
    return { intent: v.intent, result: submission.reply({ resetForm: true }), codes: done.recoveryCodes }
  }
  if (!user.has_second_factor) return reply(v.intent, 409, undefined, ['twoFactor.notOn'])
  const check = await verifySecondFactor(user, v.code, ip)
  if (check.status !== 'ok') return codeRefused(reply, v.intent, check.status)
  if (v.intent === 'regenerate') {
    const codes = await regenerateRecoveryCodes(user.id, ip)
    return { intent: v.intent, result: submission.reply({ resetForm: true }), codes }
  }
  await disableSecondFactor(user.id, ip)
  return { intent: v.intent, result: submission.reply({ resetForm: true }), codes: null }
}

function isIntent(value: string): value is Intent {
  return ['start', 'confirm', 'regenerate', 'disable'].includes(value)
}

function codeRefused<T>(
  reply: (intent: Intent, status: number, fieldErrors?: Record<string, string[]>) => T,
  intent: Intent,
  status: 'invalid' | 'throttled',
): T {
  return status === 'throttled'
    ? reply(intent, 429, { code: ['auth.throttled'] })
    : reply(intent, 400, { code: ['twoFactor.wrongCode'] })
}

export default function TwoFactorPage() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const codes = actionData?.codes ?? null
  return (
    <div className="page page--narrow">
      <title>{t('twoFactor.title')}</title>
      <h1>{t('twoFactor.title')}</h1>
      <p>
        <Link to="/account">{t('twoFactor.backToAccount')}</Link>
      </p>
      {loaded.required && !loaded.enabled ? (
        <p className="alert alert--warning" role="status">
          {t('twoFactor.requiredNotice')}
        </p>
      ) : null}
      {loaded.recovered ? (
        <p className="alert alert--warning" role="status">
          {t('twoFactor.recoveredNotice', { count: loaded.recoveryCodesLeft })}
        </p>
      ) : null}
      {codes ? (
        <>
          <p className="alert alert--success" role="status">
            {t(actionData?.intent === 'regenerate' ? 'twoFactor.codesRegenerated' : 'twoFactor.enabled')}
          </p>
          <RecoveryCodes codes={codes} />
          <p>
            <Link to={loaded.redirectTo} className="button button--primary">
              {t('twoFactor.savedContinue')}
            </Link>
          </p>
        </>
      ) : loaded.enabled ? (
        <Enabled recoveryCodesLeft={loaded.recoveryCodesLeft} required={loaded.required} />
      ) : loaded.pending ? (
        <Enrolment pending={loaded.pending} />
      ) : (
        <Start disabledNow={actionData?.intent === 'disable' && !actionData.result.error} />
      )}
      <TwoFactorActivity events={loaded.events} />
    </div>
  )
}

function Start({ disabledNow }: { disabledNow: boolean }) {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">{t('twoFactor.offHeading')}</h2>
      {disabledNow ? (
        <p className="alert alert--success" role="status">
          {t('twoFactor.disabled')}
        </p>
      ) : null}
      <p>{t('twoFactor.explain')}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <button type="submit" className="button button--primary">
          {t('twoFactor.start')}
        </button>
      </Form>
    </section>
  )
}

function Enrolment({ pending }: { pending: { secret: string; uri: string; qrSvg: string } }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useSchemaForm(confirmSchema, {
    id: 'confirm-two-factor',
    lastResult: actionData?.intent === 'confirm' ? actionData.result : undefined,
  })
  return (
    <section className="card" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t('twoFactor.enrolHeading')}</h2>
      <ol className="two-factor__steps">
        <li>
          <p>{t('twoFactor.scan')}</p>
          <div
            className="two-factor__qr"
            role="img"
            aria-label={t('twoFactor.qrLabel')}
            // The SVG is drawn on the server from the otpauth URI by the qrcode package: no user text in it.
            dangerouslySetInnerHTML={{ __html: pending.qrSvg }}
          />
          <p>
            {t('twoFactor.orType')}{' '}
            <code id="totp-secret" className="two-factor__secret">
              {pending.secret.match(/.{1,4}/g)?.join(' ')}
            </code>
          </p>
          <p className="field__hint">{t('twoFactor.typeHint')}</p>
        </li>
        <li>
          <p>{t('twoFactor.confirmStep')}</p>
          <ConformForm form={form}>
            <input type="hidden" name="intent" value="confirm" />
            <TextField field={fields.code} label={t('twoFactor.currentCode')} autoComplete="one-time-code" />
            <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
              {t('twoFactor.turnOn')}
            </button>
          </ConformForm>
        </li>
      </ol>
    </section>
  )
}

function Enabled({ recoveryCodesLeft, required }: { recoveryCodesLeft: number; required: boolean }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const [regenerate, regenerateFields] = useSchemaForm(regenerateSchema, {
    id: 'regenerate-codes',
    lastResult: actionData?.intent === 'regenerate' ? actionData.result : undefined,
  })
  const [disable, disableFields] = useSchemaForm(disableSchema, {
    id: 'disable-two-factor',
    lastResult: actionData?.intent === 'disable' ? actionData.result : undefined,
  })
  return (
    <>
      <section className="card" aria-labelledby="on-heading">
        <h2 id="on-heading">{t('twoFactor.onHeading')}</h2>
        <p>{t('twoFactor.onExplain')}</p>
        <p>{t('twoFactor.codesLeft', { count: recoveryCodesLeft })}</p>
      </section>
      <section className="card" aria-labelledby="regenerate-heading">
        <h2 id="regenerate-heading">{t('twoFactor.regenerateHeading')}</h2>
        <p className="field__hint">{t('twoFactor.regenerateHint')}</p>
        <ConformForm form={regenerate}>
          <input type="hidden" name="intent" value="regenerate" />
          <TextField field={regenerateFields.code} label={t('twoFactor.currentCode')} autoComplete="one-time-code" />
          <button type="submit" className="button">
            {t('twoFactor.regenerate')}
          </button>
        </ConformForm>
      </section>
      <section className="card" aria-labelledby="disable-heading">
        <h2 id="disable-heading">{t('twoFactor.disableHeading')}</h2>
        <p className="field__hint">{t(required ? 'twoFactor.disableRequiredHint' : 'twoFactor.disableHint')}</p>
        <ConformForm form={disable}>
          <input type="hidden" name="intent" value="disable" />
          <TextField
            field={disableFields.code}
            label={t('twoFactor.code')}
            hint={t('twoFactor.codeOrRecoveryHint')}
            autoComplete="one-time-code"
          />
          <button type="submit" className="button button--danger">
            {t('twoFactor.disable')}
          </button>
        </ConformForm>
      </section>
    </>
  )
}
