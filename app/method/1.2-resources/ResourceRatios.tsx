import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { resourceRatios } from './ratios.ts'
import { type PanelProps } from '../define-panels.ts'
import { type resources } from './substep.server.ts'

/** The ratios that show how far the inspectorate's resources stretch (step 1.2). */
export function ResourceRatiosPanel({ worksheet }: PanelProps<typeof resources>) {
  const { t, i18n } = useTranslation('worksheets')
  const r = resourceRatios(worksheet.items.resource ?? [], worksheet.items.scope_figures?.[0])
  const fmt = (v: number | null, digits = 0) =>
    v === null ? t('ratios.unknown') : formatNumber(v, i18n.language, { maximumFractionDigits: digits })
  const rows: [string, string][] = [
    [
      'inspectors',
      r.inspectorsWomen === null
        ? fmt(r.inspectors)
        : t('ratios.inspectorsWithWomen', { total: fmt(r.inspectors), women: fmt(r.inspectorsWomen) }),
    ],
    ['establishmentsPerInspector', fmt(r.establishmentsPerInspector)],
    ['workersPerInspector', fmt(r.workersPerInspector)],
    ['inspectorsPer10000Employed', fmt(r.inspectorsPer10000Employed, 2)],
    ['fieldDays', fmt(r.fieldDays)],
    ['fieldDaysPerInspector', fmt(r.fieldDaysPerInspector, 1)],
  ]
  return (
    <section className="card ratios" aria-labelledby="ratios-heading">
      <h3 id="ratios-heading">{t('ratios.title')}</h3>
      <dl className="ratio-grid">
        {rows.map(([key, value]) => (
          <div key={key} className="ratio-grid__item">
            <dt>{t(`ratios.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="field__hint">{t('ratios.hint')}</p>
    </section>
  )
}
