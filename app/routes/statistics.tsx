import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import * as StatisticsRepository from '#db/repositories/inspection-statistics.ts'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { ColumnNames } from '../components/ColumnNames.tsx'
import { FieldErrors, FormErrors, validationMessage } from '../components/forms.tsx'
import { readMonitoringForm } from '../monitoring/monitoring.server.ts'
import { IMPORT_HEADERS, STAT_LIMITS, type CellError } from '../statistics/schema.ts'
import { importFile, saveFromForm } from '../statistics/statistics.server.ts'
import { StatisticsTable } from '../statistics/StatisticsTable.tsx'
import { countryName, countryOptions, isCountryCode } from '../utils/countries.ts'
import { getDb } from '../utils/db.server.ts'
import { canGlobally } from '#core/permissions.ts'
import { toActor } from '../utils/plan-access.server.ts'
import { requireUser } from '../utils/session.server.ts'
import { requireGlobalPermission } from '../utils/admin.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const requested = new URL(request.url).searchParams.get('country')
  const db = getDb()
  const countries = await StatisticsRepository.findCountries(db)
  const country = isCountryCode(requested) ? requested : (countries[0]?.country_code ?? null)
  return {
    countries,
    country,
    rows: country ? await StatisticsRepository.findByCountry(db, country) : [],
    canEdit: canGlobally(toActor(user), 'statistics:edit'),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireGlobalPermission(request, 'statistics:edit')
  const formData = await readMonitoringForm(request)
  if (formData === 'tooLarge')
    return data(
      {
        formId: 'import',
        result: { status: 'error' as const, error: { '': ['monitoring.import.tooLarge'] } },
        rowErrors: null,
      },
      { status: 413 },
    )
  if (formData.get('intent') === 'import') return importFile(getDb(), formData.get('file'), user.id)
  return saveFromForm(getDb(), formData, user.id)
}

const NUMBER_FIELDS = [
  'inspectors',
  'inspectorsWomen',
  'inspectorsPer10000',
  'visits',
  'visitsPerInspector',
  'registeredWorkplaces',
] as const
const fieldMax = (f: (typeof NUMBER_FIELDS)[number]) => STAT_LIMITS[f === 'inspectorsWomen' ? 'inspectors' : f]

export default function StatisticsPage() {
  const { countries, country, rows, canEdit } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  const errors =
    actionData?.formId === 'save'
      ? ((actionData.result as { error?: Record<string, string[] | null> | null } | null)?.error ?? {})
      : {}
  const importErrors =
    actionData?.formId === 'import'
      ? ((actionData.result as { error?: Record<string, string[] | null> | null } | null)?.error?.[''] ?? undefined)
      : undefined
  return (
    <div className="page">
      <title>{t('statistics.title')}</title>
      <h1>{t('statistics.title')}</h1>
      <p className="lede">{t('statistics.intro')}</p>
      <Form method="get" className="form-row">
        <div className="field">
          <label htmlFor="country">{t('plans.filters.country')}</label>
          <select id="country" name="country" defaultValue={country ?? ''}>
            {countries.map((c) => (
              <option key={c.country_code} value={c.country_code}>
                {countryName(c.country_code, i18n.language)} ({c.years})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('statistics.show')}
        </button>
      </Form>
      {country ? <h2>{countryName(country, i18n.language)}</h2> : null}
      <StatisticsTable rows={rows} caption={t('statistics.title')} />
      {canEdit ? (
        <div className="admin-grid">
          <section className="card" aria-labelledby="stats-form-heading">
            <h2 id="stats-form-heading">{t('statistics.enter')}</h2>
            <Form method="post">
              <input type="hidden" name="intent" value="save" />
              <FormErrors errors={errors[''] ?? undefined} />
              <div className="field">
                <label htmlFor="countryCode">{t('plans.filters.country')}</label>
                <select id="countryCode" name="countryCode" defaultValue={country ?? ''} required>
                  <option value="">{t('plan.fields.choose')}</option>
                  {countryOptions(i18n.language).map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <FieldErrors errors={errors.countryCode ?? undefined} />
              </div>
              <div className="field">
                <label htmlFor="year">{t('statistics.year')}</label>
                <input id="year" name="year" type="number" min={1950} max={2100} required />
                <FieldErrors errors={errors.year ?? undefined} />
              </div>
              {NUMBER_FIELDS.map((f) => (
                <div className="field" key={f}>
                  <label htmlFor={f}>{t(`statistics.form.${f}`)}</label>
                  <input id={f} name={f} type="number" min={0} max={fieldMax(f)} step="any" />
                  <FieldErrors errors={errors[f] ?? undefined} />
                </div>
              ))}
              <div className="field">
                <label htmlFor="source">{t('statistics.fields.source')}</label>
                <input id="source" name="source" maxLength={300} />
              </div>
              <button type="submit" className="button button--primary">
                {t('common.save')}
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="stats-import-heading">
            <h2 id="stats-import-heading">{t('statistics.import')}</h2>
            <p className="field__hint">
              {t('statistics.importHint')} <ColumnNames names={IMPORT_HEADERS} />. {t('statistics.importHintRules')}
            </p>
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="intent" value="import" />
              <FormErrors errors={importErrors} />
              {actionData?.rowErrors ? (
                <ul className="field__errors">
                  {actionData.rowErrors.map((r) => (
                    <li key={r.line}>
                      {t('statistics.rowError', {
                        line: r.line,
                        errors: r.errors.map((e) => cellErrorText(e, t)).join(' '),
                      })}
                    </li>
                  ))}
                </ul>
              ) : null}
              {actionData?.formId === 'import' && actionData.result && 'saved' in actionData.result ? (
                <p className="alert alert--success">{t('statistics.saved', { count: actionData.result.saved })}</p>
              ) : null}
              <div className="field">
                <label htmlFor="stats-file">{t('monitoring.import.file')}</label>
                <input id="stats-file" name="file" type="file" accept=".csv,.xlsx" required />
              </div>
              <button type="submit" className="button">
                {t('statistics.importButton')}
              </button>
            </Form>
          </section>
        </div>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

/** "Of whom women: Enter a number." — the column by its name, the problem in words. */
function cellErrorText(error: CellError, t: (key: string, options?: Record<string, unknown>) => string): string {
  const message = validationMessage(error.message, t)
  return error.column ? t('statistics.cellError', { column: t(`statistics.fields.${error.column}`), message }) : message
}
