import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../components/forms.tsx'
import { IdempotencyKey } from '../components/IdempotencyKey.tsx'
import { FetcherSaveFailed } from '../components/SaveFailed.tsx'
import { AgreementPill } from './AgreementPill.tsx'
import { SignoffList } from './SignoffList.tsx'
import { REASON_MAX } from './schema.ts'
import { type SubstepSignoff } from './substep-signoff.server.ts'

interface Reply {
  signoff?: { error?: Record<string, string[] | null> | null }
}

/**
 * The constituencies' agreement on a sub-step, apart from its completeness: who agreed or reserved
 * and when, what went out of date, and the forms for the viewer's own constituency.
 */
export function SignoffPanel({ code, signoff }: { code: string; signoff: SubstepSignoff }) {
  const { t } = useTranslation('common')
  const fetcher = useFetcher<Reply>()
  const errors = fetcher.data?.signoff?.error ?? {}
  const busy = fetcher.state !== 'idle'
  const answer = busy ? undefined : fetcher.data
  const mine = signoff.mine ? signoff.entries.find((e) => e.constituency === signoff.mine) : undefined
  const constituency = signoff.mine ? t(`constituency.${signoff.mine}`) : ''
  return (
    <section className="card signoff" aria-labelledby="signoff-heading" data-agreement={signoff.agreement}>
      <h3 id="signoff-heading">{t('signoff.title')}</h3>
      <p>
        <AgreementPill agreement={signoff.agreement} />
      </p>
      <p className="field__hint">{t('signoff.explain')}</p>
      {signoff.entries.length === 0 ? (
        <p className="empty-state">{t('signoff.noTeam')}</p>
      ) : (
        <SignoffList entries={signoff.entries} label={t('signoff.title')} />
      )}
      {signoff.mine && mine ? (
        <div className="signoff__forms">
          <p className="field__hint">{t('signoff.yourConstituency', { constituency })}</p>
          <FormErrors errors={errors[''] ?? undefined} />
          <FetcherSaveFailed fetcher={fetcher} />
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="signoff.agree" />
            <IdempotencyKey answer={answer} />
            <button type="submit" className="button button--primary" disabled={busy}>
              {t(mine.signoff?.decision === 'agree' && mine.signoff.staleAt ? 'signoff.agreeAgain' : 'signoff.agree', {
                constituency,
              })}
            </button>
          </fetcher.Form>
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="signoff.reserve" />
            <IdempotencyKey answer={answer} />
            <div className="field">
              <label htmlFor={`reason-${code}`}>{t('signoff.reason')}</label>
              <textarea
                id={`reason-${code}`}
                name="reason"
                rows={2}
                required
                maxLength={REASON_MAX}
                aria-describedby={`reason-${code}-hint${errors.reason ? ` reason-${code}-errors` : ''}`}
                aria-invalid={errors.reason ? true : undefined}
              />
              <p id={`reason-${code}-hint`} className="field__hint">
                {t('signoff.reasonHint')}
              </p>
              <FieldErrors id={`reason-${code}-errors`} errors={errors.reason ?? undefined} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t('signoff.reserve')}
            </button>
          </fetcher.Form>
          {mine.signoff ? (
            <fetcher.Form method="post">
              <input type="hidden" name="intent" value="signoff.withdraw" />
              <IdempotencyKey answer={answer} />
              <button type="submit" className="button button--quiet" disabled={busy}>
                {t('signoff.withdraw', { constituency })}
              </button>
            </fetcher.Form>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
