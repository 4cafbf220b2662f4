// Worksheet values as words, for the places that show them outside their own worksheet (the
// activity list, a version's contents and its comparison with another): translated options,
// linked records by their words and code instead of ids (ADR 057), local numbers. Pure and isomorphic.
import { type TFunction } from 'i18next'
import { countryName } from '../utils/countries.ts'
import { sectorsText } from '../utils/isic.ts'
import { formatNumber } from '../utils/locales.ts'
import { KINDS } from '../method/worksheets.ts'
import { type FieldSpec } from './spec.ts'
import { recordWords } from './recordName.ts'

export interface WordingContext {
  t: TFunction
  lng: string
  /** How the plan's items are named by id ("Labour Inspection Act, s.12 (M1)"), to show links and subjects. */
  refs?: ReadonlyMap<string, string>
  /** People's names by user id, for member fields; without it a person reads as "a team member". */
  people?: ReadonlyMap<string, string>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const isId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)

/** An item's name (words and code) from its id; '?' for an item that no longer exists. */
export function refText(id: unknown, ctx: WordingContext): string {
  return (typeof id === 'string' && ctx.refs?.get(id)) || '?'
}

/** The field that names items of a kind (for recordWords). */
export const titleFieldOf = (kind: string): string | undefined => KINDS[kind]?.titleField

/** The spec of one field of a kind, when both are known. */
export function fieldSpec(kind: string, field: string): FieldSpec | undefined {
  return KINDS[kind]?.fields.find((f) => f.name === field)
}

/** A field's label; a field the spec no longer has keeps its name (never a translation key). */
export function fieldLabel(kind: string, field: string, ctx: WordingContext): string {
  return ctx.t(`worksheets:kinds.${kind}.fields.${field}`, { defaultValue: field })
}

/** A stored value as people read it; '—' when empty. */
export function valueText(field: FieldSpec | undefined, value: unknown, ctx: WordingContext): string {
  if (isEmpty(value)) return '—'
  const { t } = ctx
  switch (field?.type) {
    case 'enum':
      return t(`worksheets:options.${field.name}.${String(value)}`, { defaultValue: String(value) })
    case 'multiEnum':
      return (Array.isArray(value) ? value : [value])
        .map((v) => t(`worksheets:options.${field.name}.${String(v)}`, { defaultValue: String(v) }))
        .join(', ')
    case 'link':
    case 'links':
      return (Array.isArray(value) ? value : [value]).map((id) => refText(id, ctx)).join(', ')
    case 'member':
      return (isId(value) && ctx.people?.get(value)) || t('worksheets:teamMember')
    default:
      break
  }
  // Without a spec (or for text, numbers, dates): by the value's own type.
  if (typeof value === 'boolean') return value ? t('worksheets:yes') : t('worksheets:no')
  if (typeof value === 'number') return formatNumber(value, ctx.lng, { maximumFractionDigits: 2 })
  if (isId(value)) return refText(value, ctx)
  if (Array.isArray(value)) return value.map((v) => valueText(undefined, v, ctx)).join(', ')
  if (typeof value === 'object') return '…'
  return String(value)
}

/** What names an item: its words, or for a standard criterion the criterion's own name. */
export function itemTitle(kind: string, data: Record<string, unknown>, ctx: WordingContext): string {
  const spec = KINDS[kind]
  if (!spec) return ''
  // A pair by its issue and target, a mandate with its section (ADR 057); the others by their title field.
  const named = recordWords(
    kind,
    spec.titleField,
    data,
    (id) => (isId(id) ? refText(id, ctx) : undefined),
    (f, v) => valueText(fieldSpec(kind, f), v, ctx),
  )
  if (named) return named
  const title = data[spec.titleField]
  return isEmpty(title) ? '' : valueText(fieldSpec(kind, spec.titleField), title, ctx)
}

/** Every filled field of an item as "label: value", in the spec's order (an added or removed row). */
export function itemContent(
  kind: string,
  data: Record<string, unknown>,
  ctx: WordingContext,
): { field: string; label: string; value: string }[] {
  const spec = KINDS[kind]
  const names = spec ? spec.fields.map((f) => f.name) : Object.keys(data).filter((k) => k !== 'ref')
  return names
    .filter((name) => !isEmpty(data[name]))
    .map((name) => ({
      field: name,
      label: fieldLabel(kind, name, ctx),
      value: valueText(fieldSpec(kind, name), data[name], ctx),
    }))
}

// The plan's details as frozen in versions and recorded in its history (db/repositories/plans.ts planFacts).
const PLAN_FIELD_LABELS: Record<string, string> = { countryCode: 'country' }

export function planFieldLabel(field: string, ctx: WordingContext): string {
  return ctx.t(`plan.fields.${PLAN_FIELD_LABELS[field] ?? field}`, { defaultValue: field })
}

/** A plan detail's value: the country's, the language's and the sectors' names, the scope's translated name. */
export function planFieldText(field: string, value: unknown, ctx: WordingContext): string {
  if (field === 'sectors' && Array.isArray(value) && value.length > 0)
    return sectorsText(value.map(String), (key) => ctx.t(`common:${key}`))
  if (typeof value === 'string' && value) {
    if (field === 'countryCode') return countryName(value, ctx.lng)
    if (field === 'scope') return ctx.t(`plan.scope.${value}`, { defaultValue: value })
    if (field === 'workingLanguage') return ctx.t(`languages.${value}`, { defaultValue: value })
  }
  return valueText(undefined, value, ctx)
}
