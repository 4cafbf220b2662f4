import { useTranslation } from 'react-i18next'
import { type Agreement } from './summary.ts'

/** A sub-step's agreement state as a pill next to its completeness (text, not colour alone). */
export function AgreementPill({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('common')
  return <span className={`pill pill--agreement-${agreement}`}>{t(`signoff.agreement.${agreement}`)}</span>
}
