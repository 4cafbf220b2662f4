import { useFetcher } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ColumnNames } from '../../components/ColumnNames.tsx'
import { FormErrors, validationMessage } from '../../components/forms.tsx'
import { IdempotencyKey } from '../../components/IdempotencyKey.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { isSaveFailure } from '../../utils/save-failure.ts'
import { IMPORT_COLUMNS } from '../import-columns.ts'
import { type PreviewRow } from '../import.server.ts'

interface ActionData {
  formId: string
  result: { status?: string; imported?: number; error?: Record<string, string[] | null> | null } | null
  preview: { rows: PreviewRow[]; fileName: string } | null
}

/** Upload a CSV or XLSX file, see every row checked, then save all rows at once. */
export function ImportPanel({ planId }: { planId: string }) {
  const { t } = useTranslation()
  const preview = useFetcher<ActionData>()
  const commit = useFetcher<ActionData>()
  // A save that failed (offline, server error) keeps the previewed rows on screen for the retry.
  const committed = isSaveFailure(commit.data) ? undefined : commit.data
  const previewed = isSaveFailure(preview.data) ? undefined : preview.data
  const latest = committed ?? previewed
  const rows = committed?.preview?.rows ?? (committed ? null : previewed?.preview?.rows) ?? null
  const invalid = rows?.filter((r) => r.errors.length).length ?? 0
  return (
    <section className="card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('monitoring.import.title')}</h2>
      <p className="field__hint">
        {t('monitoring.import.hint')} <ColumnNames names={IMPORT_COLUMNS} />. {t('monitoring.import.hintChecks')}{' '}
        <a href={`/plans/${planId}/monitoring/template?format=csv`}>{t('monitoring.import.templateCsv')}</a> ·{' '}
        <a href={`/plans/${planId}/monitoring/template?format=xlsx`}>{t('monitoring.import.templateXlsx')}</a>
      </p>
      <preview.Form method="post" encType="multipart/form-data" className="form-row">
        <input type="hidden" name="intent" value="import:preview" />
        <div className="field">
          <label htmlFor="import-file">{t('monitoring.import.file')}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
          />
        </div>
        <button type="submit" className="button" disabled={preview.state !== 'idle'}>
          {t('monitoring.import.preview')}
        </button>
      </preview.Form>
      <FormErrors errors={latest?.formId === 'import' ? (latest.result?.error?.[''] ?? undefined) : undefined} />
      <FetcherSaveFailed fetcher={preview} />
      <FetcherSaveFailed fetcher={commit} />
      {committed?.result?.status === 'success' ? (
        <p className="alert alert--success" role="status">
          {t('monitoring.import.saved', { count: committed.result.imported ?? 0 })}
        </p>
      ) : null}
      {rows ? (
        <>
          <p role="status">
            {invalid
              ? t('monitoring.import.rowsWithErrors', { invalid, total: rows.length })
              : t('monitoring.import.allValid', { total: rows.length })}
          </p>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.import.line')}</th>
                  <th scope="col">{t('monitoring.indicator')}</th>
                  <th scope="col">{t('monitoring.period')}</th>
                  <th scope="col">{t('monitoring.value')}</th>
                  <th scope="col">{t('monitoring.note')}</th>
                  <th scope="col">{t('monitoring.import.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? 'row--error' : undefined}>
                    <th scope="row">{r.line}</th>
                    <td>{r.indicator}</td>
                    <td>{r.period}</td>
                    <td>{r.value}</td>
                    <td>{r.note}</td>
                    <td>
                      {r.errors.length
                        ? r.errors.map((e) => validationMessage(e, t)).join(' ')
                        : t('monitoring.import.ok')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {invalid === 0 ? (
            <commit.Form method="post">
              <input type="hidden" name="intent" value="import:commit" />
              <input type="hidden" name="rows" value={JSON.stringify(rows)} />
              <IdempotencyKey answer={commit.state === 'idle' ? commit.data : undefined} />
              <button type="submit" className="button button--primary" disabled={commit.state !== 'idle'}>
                {t('monitoring.import.save', { count: rows.length })}
              </button>
            </commit.Form>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
