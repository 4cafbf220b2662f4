import { useTranslation } from 'react-i18next'
import { SUBSTEP_CODES } from '../utils/substeps.ts'
import { formatDateTime } from '../utils/locales.ts'
import { AgreementPill } from './AgreementPill.tsx'
import { type SignoffEntry } from './entries.ts'
import { type Agreement, type SignoffCounts } from './summary.ts'

export interface FrozenSignoffView {
  counts: SignoffCounts
  substeps: { code: string; complete: boolean; agreement: Agreement; entries: SignoffEntry[] }[]
}

/**
 * An approved version's sub-steps as they stood at approval (ADR 037): complete or not, agreed or
 * not, who agreed, reservations with their reasons and agreements already out of date. Later
 * sign-offs in a new draft never change it. Null: approved before sign-offs were kept.
 */
export function FrozenSignoff({ signoff }: { signoff: FrozenSignoffView | null }) {
  const { t, i18n } = useTranslation(['common', 'steps'])
  const when = (iso: string) => formatDateTime(iso, i18n.language)
  const byCode = new Map(signoff?.substeps.map((s) => [s.code, s]))
  return (
    <section className="card frozen-signoff" aria-labelledby="frozen-signoff-heading">
      <h3 id="frozen-signoff-heading">{t('signoff.atApproval')}</h3>
      {signoff ? (
        <>
          <p>{t('signoff.counts', { ...signoff.counts })}</p>
          <p className="field__hint">{t('signoff.frozenExplain')}</p>
          <ul className="substep-list">
            {SUBSTEP_CODES.map((code) => {
              const state = byCode.get(code)
              if (!state) return null
              return (
                <li key={code} className="substep-list__item" data-substep={code} data-agreement={state.agreement}>
                  <span>
                    <span className="substep-list__code">{code}</span> {t(`steps:substep.${code}.name`)}
                  </span>
                  <span className="substep-list__pills">
                    <span className={`pill pill--${state.complete ? 'done' : 'not_started'}`}>{t(state.complete ? 'progress.status.done' : 'signoff.notComplete')}</span>
                    <AgreementPill agreement={state.agreement} />
                  </span>
                  {state.entries.length > 0 ? (
                    <ul className="signoff__list" aria-label={t('signoff.ofSubstep', { code })}>
                      {state.entries.map(({ constituency: c, signoff: s }) => (
                        <li key={c} data-constituency={c} data-state={s?.decision ?? 'none'} data-stale={s?.staleAt ? '' : undefined}>
                          <strong>{t(`constituency.${c}`)}</strong>
                          {': '}
                          {s ? t(s.decision === 'agree' ? 'signoff.agreedBy' : 'signoff.reservedBy', { name: s.name ?? t('activity.someone'), organisation: s.organisation ?? '—', when: when(s.signedAt) }) : t('signoff.awaiting')}
                          {s?.reason ? <q className="cell-sub">{s.reason}</q> : null}
                          {s?.staleAt ? <span className="cell-sub signoff__stale">{t('signoff.staleSince', { when: when(s.staleAt) })}</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              )
            })}
          </ul>
        </>
      ) : (
        <p className="empty-state">{t('signoff.notFrozen')}</p>
      )}
    </section>
  )
}
