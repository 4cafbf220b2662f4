import { useTranslation } from 'react-i18next'
import { type SubstepPanelProps } from '../worksheets/ui/panels.tsx'
import { StatisticsTable, type StatisticsYear } from './StatisticsTable.tsx'

/** Step 1.3: the country's harmonised labour inspection statistics and their trend. */
export function StatisticsPanel({ extra }: SubstepPanelProps) {
  const { t } = useTranslation()
  const rows = ((extra as { statistics?: StatisticsYear[] } | null)?.statistics ?? []) as StatisticsYear[]
  return (
    <section className="card" aria-labelledby="stats-heading">
      <h3 id="stats-heading">{t('statistics.inPlan')}</h3>
      <StatisticsTable rows={rows} caption={t('statistics.inPlan')} />
      <p className="field__hint">
        <a href="/statistics">{t('statistics.all')}</a>
      </p>
    </section>
  )
}
