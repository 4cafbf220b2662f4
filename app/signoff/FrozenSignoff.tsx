import { useTranslation } from 'react-i18next'
import { SUBSTEP_CODES } from '#core/substeps.ts'
import { AgreementPill } from './AgreementPill.tsx'
import { SignoffList } from './SignoffList.tsx'
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
  const { t } = useTranslation(['common', 'steps'])
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
                    <span className={`pill pill--${state.complete ? 'done' : 'not_started'}`}>
                      {t(state.complete ? 'progress.status.done' : 'signoff.notComplete')}
                    </span>
                    <AgreementPill agreement={state.agreement} />
                  </span>
                  {state.entries.length > 0 ? (
                    <SignoffList entries={state.entries} label={t('signoff.ofSubstep', { code })} />
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
