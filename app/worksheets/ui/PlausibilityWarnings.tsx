import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../utils/locales.ts'
import { type PlausibilityContext, type PlausibilityWarning } from '../plausibility.ts'
import { type KindSpec } from '../spec.ts'

const NO_CONTEXT: PlausibilityContext = { period: null, decisions: {} }
const Plausibility = createContext<PlausibilityContext>(NO_CONTEXT)

/** The plan's period and 5.2 decisions for the worksheet lists and forms below it. */
export const PlausibilityProvider = Plausibility.Provider

/** The warnings of an item's data (saved, or as typed in a form) under the page's context. */
export function usePlausibilityWarnings(spec: KindSpec, data: Record<string, unknown>): PlausibilityWarning[] {
  const ctx = useContext(Plausibility)
  return spec.plausibility ? spec.plausibility(data, ctx) : []
}

/**
 * The warnings as a list, each naming its field. `live` (in a form) announces changes politely as
 * the person types; on a saved row the list is plain text.
 */
export function PlausibilityNotes({
  spec,
  warnings,
  live = false,
  id,
}: {
  spec: KindSpec
  warnings: PlausibilityWarning[]
  live?: boolean
  id?: string
}) {
  const { t, i18n } = useTranslation('worksheets')
  const list = warnings.length ? (
    <>
      <p className="plausibility__title">{t('plausibility.title')}</p>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.field}:${w.key}`}>
            <span className="plausibility__field">{t(`kinds.${spec.kind}.fields.${w.field}`)}:</span>{' '}
            {t(w.key, formatValues(w.values, i18n.language))}
          </li>
        ))}
      </ul>
    </>
  ) : null
  // The live region stays in the page while empty, so screen readers announce warnings as they appear.
  if (live)
    return (
      <div id={id} className={warnings.length ? 'plausibility' : undefined} role="status">
        {list}
      </div>
    )
  return list ? (
    <div id={id} className="plausibility">
      {list}
    </div>
  ) : null
}

/** ISO dates in a warning's values read as dates of the page's language. */
function formatValues(values: Record<string, string> | undefined, locale: string) {
  if (!values) return {}
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, locale) : v]),
  )
}
