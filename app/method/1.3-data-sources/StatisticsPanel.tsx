import { useTranslation } from 'react-i18next'
import { type PanelProps } from '../define-panels.ts'
import { type dataSources } from './substep.server.ts'
import { StatisticsTable } from '../../statistics/StatisticsTable.tsx'

/** Step 1.3: the country's harmonised labour inspection statistics and their trend. */
export function StatisticsPanel({ extra }: PanelProps<typeof dataSources>) {
  const { t } = useTranslation()
  const rows = extra.statistics
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
