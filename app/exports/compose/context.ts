// What every part of the composition needs: the translation function of the plan's working
// language, number and date formatting for that language, and the plan's items by kind and id.
import { type TFunction } from 'i18next'
import { formatDate, formatNumber } from '../../utils/locales.ts'
import { KINDS } from '../../method/worksheets.ts'
import { type FieldSpec, type KindSpec } from '../../worksheets/spec.ts'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { recordWords, withCode, wordFields } from '../../worksheets/recordName.ts'
import { type PlanSource, type SourceItem } from '../plan-source.server.ts'
import { type Block, type Lang } from '../types.ts'

export interface ComposeContext {
  t: TFunction
  lang: Lang
  source: PlanSource
  ofKind(kind: string): SourceItem[]
  byId: Map<string, SourceItem>
  num(value: number, digits?: number): string
  date(value: string): string
}

export function createContext(source: PlanSource, t: TFunction, lang: Lang): ComposeContext {
  const byKind = new Map<string, SourceItem[]>()
  for (const item of [...source.items].sort((a, b) => a.position - b.position))
    byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item])
  return {
    t,
    lang,
    source,
    ofKind: (kind) => byKind.get(kind) ?? [],
    byId: new Map(source.items.map((i) => [i.id, i])),
    num: (value, digits = 2) => formatNumber(value, lang, { maximumFractionDigits: digits }),
    date: (value) => formatDate(value, lang),
  }
}

/** An item's words, whole: paper has room for them, and a reader cannot open a tooltip (ADR 057). */
export function itemWords(ctx: ComposeContext, item: SourceItem): string {
  return recordWords(
    item.kind,
    KINDS[item.kind]?.titleField,
    item.data,
    (id) => {
      const linked = typeof id === 'string' ? ctx.byId.get(id) : undefined
      return linked && linked.id !== item.id ? itemWords(ctx, linked) : undefined
    },
    (field, value) => ctx.t(`worksheets:options.${field}.${String(value)}`),
  )
}

/** An item as a reader refers to it: its words, then its code. */
export function itemName(ctx: ComposeContext, id: unknown): string {
  const item = typeof id === 'string' ? ctx.byId.get(id) : undefined
  if (!item) return '?'
  return withCode(itemWords(ctx, item), item.ref, ctx.t('worksheets:untitled'))
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

/** A stored value as text: translated options, referenced items by name, local numbers and dates. */
export function fieldText(ctx: ComposeContext, field: FieldSpec, value: unknown): string {
  const { t } = ctx
  if (isEmpty(value)) return '—'
  switch (field.type) {
    case 'enum':
      return t(`worksheets:options.${field.name}.${String(value)}`)
    case 'multiEnum':
      return (value as unknown[]).map((v) => t(`worksheets:options.${field.name}.${String(v)}`)).join(', ')
    case 'number':
      return typeof value === 'number' ? ctx.num(value) : String(value)
    case 'boolean':
      return value ? t('worksheets:yes') : t('worksheets:no')
    case 'date':
      return typeof value === 'string' ? ctx.date(value) : String(value)
    case 'link':
    case 'links':
      return (Array.isArray(value) ? value : [value]).map((id) => itemName(ctx, id)).join('; ')
    // A person is not named by id in a document; the exports show indicators by their columns only.
    case 'member':
      return t('worksheets:teamMember')
    default:
      return String(value)
  }
}

export const fieldLabel = (ctx: ComposeContext, spec: KindSpec, name: string) =>
  ctx.t(`worksheets:kinds.${spec.kind}.fields.${name}`)
export const kindTitle = (ctx: ComposeContext, kind: string) => ctx.t(`worksheets:kinds.${kind}.title`)

/** Fields never shown to readers (canvas coordinates). */
const HIDDEN = new Set(['x', 'y'])

/** A worksheet kind as a table (the spec's columns, else every field); null when it has no items. */
export function worksheetTable(
  ctx: ComposeContext,
  kind: string,
  options: { columns?: readonly string[]; caption?: string } = {},
): Block | null {
  const spec = KINDS[kind]
  const items = ctx.ofKind(kind)
  if (!spec || items.length === 0) return null
  // Each row is named by its words and code; the fields those words come from are not repeated.
  const named = wordFields(kind, spec.titleField)
  const names = (options.columns ?? spec.columns ?? spec.fields.map((f) => f.name)).filter(
    (n) => !HIDDEN.has(n) && !named.includes(n),
  )
  const fields = names.map((n) => spec.fields.find((f) => f.name === n)!).filter(Boolean)
  return {
    type: 'table',
    caption: options.caption ?? kindTitle(ctx, kind),
    columns: [
      named.map((n) => fieldLabel(ctx, spec, n)).join(kind === 'pair' ? ' × ' : ', '),
      ...fields.map((f) => fieldLabel(ctx, spec, f.name)),
    ],
    rows: items.map((item) => [itemName(ctx, item.id), ...fields.map((f) => fieldText(ctx, f, item.data[f.name]))]),
    numeric: [false, ...fields.map((f) => f.type === 'number')],
  }
}

/** A single item (a singleton worksheet) as label/value pairs; null when it does not exist. */
export function itemFacts(ctx: ComposeContext, kind: string): Block | null {
  const spec = KINDS[kind]
  const item = ctx.ofKind(kind)[0]
  if (!spec || !item) return null
  return {
    type: 'facts',
    items: spec.fields
      .filter((f) => !HIDDEN.has(f.name))
      .map((f) => ({ label: fieldLabel(ctx, spec, f.name), value: fieldText(ctx, f, item.data[f.name]) })),
  }
}

/** Adapts a source item to the worksheet view the shared maths and components take. */
export function asView(item: SourceItem): WorksheetItemView {
  return { ...item, plan_id: '', version: 1, updated_at: '' }
}

export const heading = (level: 1 | 2 | 3 | 4, text: string, id?: string): Block => ({
  type: 'heading',
  level,
  text,
  ...(id ? { id } : {}),
})
export const paragraph = (text: string, style?: 'normal' | 'muted' | 'quote'): Block => ({
  type: 'paragraph',
  runs: [{ text }],
  ...(style ? { style } : {}),
})
export const present = (blocks: (Block | null | undefined)[]): Block[] => blocks.filter((b): b is Block => Boolean(b))
