import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../../components/forms.tsx'
import { IdempotencyKey } from '../../components/IdempotencyKey.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { formatDate, formatNumber } from '../../utils/locales.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { indicatorProgress, type IndicatorDefinition } from '../progress.ts'
import { ProgressChart } from '../ProgressChart.tsx'
import { withCode } from '../../worksheets/recordName.ts'

interface MeasurementView {
  id: string
  indicator_id: string
  period: string
  period_end: string
  value: number
  note: string | null
  evidence_source: string | null
  recorded_by_name: string | null
}

interface ActionData {
  formId: string
  result: { status?: string; error?: Record<string, string[] | null> | null } | null
}

/** One indicator: its status with the rule, the chart, the measurements and a form to add one. */
export function IndicatorCard({
  indicator,
  measurements,
  canEdit,
}: {
  indicator: WorksheetItemView
  measurements: MeasurementView[]
  canEdit: boolean
}) {
  const { t, i18n } = useTranslation()
  const fetcher = useFetcher<ActionData>()
  const formId = `measure-${indicator.id}`
  const errors = fetcher.data?.formId === formId ? (fetcher.data.result?.error ?? {}) : {}
  const d = indicator.data
  const def: IndicatorDefinition = {
    unit: String(d.unit ?? 'other'),
    baselineValue: typeof d.baselineValue === 'number' ? d.baselineValue : undefined,
    baselineDate: typeof d.baselineDate === 'string' ? d.baselineDate : undefined,
    targetValue: typeof d.targetValue === 'number' ? d.targetValue : undefined,
    targetDate: typeof d.targetDate === 'string' ? d.targetDate : undefined,
  }
  const progress = indicatorProgress(def, measurements)
  const fmt = (v: number | undefined) =>
    v === undefined
      ? '—'
      : `${formatNumber(v, i18n.language, { maximumFractionDigits: 2 })}${def.unit === 'percent' ? ' %' : ''}`
  const pct = (v: number | null) =>
    v === null ? '—' : formatNumber(v, i18n.language, { style: 'percent', maximumFractionDigits: 0 })
  const name = withCode(String(d.name ?? ''), indicator.ref, t('worksheets:untitled'))
  return (
    <article className="card indicator-card" aria-labelledby={`${formId}-h`}>
      <header className="indicator-card__header">
        <h3 id={`${formId}-h`}>{name}</h3>
        <span className={`status-chip status-chip--${progress.status}`}>
          {t(`monitoring.status.${progress.status}`)}
        </span>
      </header>
      <dl className="indicator-facts">
        <div>
          <dt>{t('monitoring.baseline')}</dt>
          <dd>
            {fmt(def.baselineValue)}{' '}
            {def.baselineDate ? <span className="cell-sub">{formatDate(def.baselineDate, i18n.language)}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('monitoring.target')}</dt>
          <dd>
            {fmt(def.targetValue)}{' '}
            {def.targetDate ? <span className="cell-sub">{formatDate(def.targetDate, i18n.language)}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('monitoring.latest')}</dt>
          <dd>
            {progress.latest ? fmt(progress.latest.value) : '—'}{' '}
            {progress.latest ? <span className="cell-sub">{progress.latest.period}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('monitoring.wayToTarget')}</dt>
          <dd>
            {pct(progress.achieved)}{' '}
            <span className="cell-sub">{t('monitoring.expectedByNow', { value: pct(progress.expected) })}</span>
          </dd>
        </div>
      </dl>
      <ProgressChart def={def} measurements={measurements} label={t('monitoring.chartLabel', { name })} />
      {measurements.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('monitoring.measurementsOf', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.period')}</th>
                <th scope="col">{t('monitoring.value')}</th>
                <th scope="col">{t('monitoring.note')}</th>
                <th scope="col">{t('monitoring.evidence')}</th>
                {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {measurements.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.period}</th>
                  <td>{fmt(m.value)}</td>
                  <td>{m.note ?? ''}</td>
                  <td>
                    {m.evidence_source ?? ''}
                    {m.recorded_by_name ? <span className="cell-sub">{m.recorded_by_name}</span> : null}
                  </td>
                  {canEdit ? (
                    <td>
                      <fetcher.Form method="post">
                        <input type="hidden" name="intent" value="measurement:delete" />
                        <input type="hidden" name="id" value={m.id} />
                        <button
                          type="submit"
                          className="button button--small button--danger"
                          aria-label={t('monitoring.deleteMeasurement', { period: m.period })}
                        >
                          {t('common.delete')}
                        </button>
                      </fetcher.Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty-state">{t('monitoring.noMeasurements')}</p>
      )}
      {canEdit ? (
        <details className="measure-add">
          <summary className="button">{t('monitoring.addMeasurement')}</summary>
          <fetcher.Form method="post" className="form-row" aria-label={t('monitoring.addMeasurementFor', { name })}>
            <input type="hidden" name="intent" value="measurement:add" />
            <input type="hidden" name="formId" value={formId} />
            <input type="hidden" name="indicatorId" value={indicator.id} />
            <IdempotencyKey
              answer={fetcher.state === 'idle' && fetcher.data?.formId === formId ? fetcher.data : undefined}
            />
            <FormErrors errors={errors[''] ?? undefined} />
            <FetcherSaveFailed fetcher={fetcher} />
            <div className="field">
              <label htmlFor={`${formId}-period`}>{t('monitoring.period')}</label>
              <input
                id={`${formId}-period`}
                name="period"
                required
                maxLength={20}
                placeholder="2026-Q2"
                aria-describedby={`${formId}-period-hint`}
              />
              <p id={`${formId}-period-hint`} className="field__hint">
                {t('monitoring.periodHint')}
              </p>
              <FieldErrors errors={errors.period ?? undefined} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-value`}>
                {t('monitoring.valueIn', { unit: t(`monitoring.units.${def.unit}`) })}
              </label>
              <input id={`${formId}-value`} name="value" type="number" step="any" required />
              <FieldErrors errors={errors.value ?? undefined} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-note`}>{t('monitoring.note')}</label>
              <input id={`${formId}-note`} name="note" maxLength={2000} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-evidence`}>{t('monitoring.evidence')}</label>
              <input id={`${formId}-evidence`} name="evidenceSource" maxLength={500} />
            </div>
            <button type="submit" className="button button--primary" disabled={fetcher.state !== 'idle'}>
              {t('common.save')}
            </button>
          </fetcher.Form>
        </details>
      ) : null}
    </article>
  )
}
