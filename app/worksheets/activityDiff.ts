// The plan's activity list in words: what each history entry did, and for an "updated" or "moved"
// entry each field it changed. Isomorphic and pure: the entry keeps the whole record before and
// after (db/repositories); ids become reference codes, options their translated names.
import {
  fieldLabel,
  fieldSpec,
  isId,
  itemTitle,
  planFieldLabel,
  planFieldText,
  refText,
  valueText,
  type WordingContext,
} from './valueText.ts'

export interface FieldChange {
  field: string
  before: string
  after: string
}

const MAX = 80

const shorten = (text: string) => (text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text)

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—'
  if (Array.isArray(value)) return String(value.length)
  if (typeof value === 'object') return '…'
  return shorten(String(value))
}

/**
 * The fields whose value differs between two snapshots (the reference excluded), in a stable order;
 * `format` writes a value as text (by default its plain string, lists as their length).
 */
export function changedFields(
  oldValue: unknown,
  newValue: unknown,
  format: (field: string, value: unknown) => string = (_, v) => show(v),
): FieldChange[] {
  if (!oldValue || !newValue || typeof oldValue !== 'object' || typeof newValue !== 'object') return []
  const before = oldValue as Record<string, unknown>
  const after = newValue as Record<string, unknown>
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'ref')
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => ({ field: k, before: format(k, before[k]), after: format(k, after[k]) }))
}

export interface ActivityEntry {
  action: string
  entity_type: string
  entity_id?: string | null
  new_value: unknown
  old_value: unknown
  /** Who did it: a return for changes names the reviewer in the sentence itself (ADR 009). */
  actor_name?: string | null
  actor_organisation?: string | null
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

/** A reference as people know it: codes (M3, 2.2) as they are, an id as its item's code; null if unknown. */
function subjectRef(value: unknown, ctx: WordingContext): string | null {
  if (typeof value !== 'string' || !value) return null
  if (!isId(value)) return value
  const ref = refText(value, ctx)
  return ref === '?' ? null : ref
}

function describeMeasurement(e: ActivityEntry, ctx: WordingContext): string {
  const { t } = ctx
  const row = record(e.action === 'deleted' ? e.old_value : e.new_value)
  if (e.action === 'imported')
    return t('activity.actions.measurement.importedCount', { count: typeof row.count === 'number' ? row.count : 0 })
  const indicator = subjectRef(row.indicatorId ?? row.indicator_id, ctx)
  const period = typeof row.period === 'string' ? row.period : null
  if (indicator && period && typeof row.value === 'number') {
    const value = valueText(undefined, row.value, ctx)
    return t(`activity.actions.measurement.${e.action === 'deleted' ? 'deletedOf' : 'recordedOf'}`, {
      ref: indicator,
      period,
      value,
    })
  }
  return t(`activity.actions.measurement.${e.action === 'deleted' ? 'deleted' : 'recorded'}`)
}

/**
 * A status change names both statuses; a return for changes says who returned it and why, and
 * an approval without every endorsement gives the reviewer's reason (ADR 009).
 */
function describeStatusChange(e: ActivityEntry, { t }: WordingContext): string {
  const next = record(e.new_value)
  const status = (s: unknown) => (typeof s === 'string' ? t(`plan.status.${s}`) : '—')
  const changed = t('activity.status.changed', { from: status(record(e.old_value).status), to: status(next.status) })
  const note = typeof next.note === 'string' && next.note ? next.note : null
  if (next.transition === 'returnForChanges') {
    const who = e.actor_name
      ? `${e.actor_name}${e.actor_organisation ? ` (${e.actor_organisation})` : ''}`
      : t('activity.someone')
    return `${t('activity.status.returned', { name: who, note: note ?? '—' })} · ${changed}`
  }
  const parts = [changed]
  if (typeof next.overrideReason === 'string')
    parts.push(t('activity.status.approvedOverride', { reason: next.overrideReason }))
  if (note) parts.push(t('activity.status.note', { note }))
  return parts.join(' · ')
}

/** Endorsements end when the plan goes back to draft; the entry says whose and what it was. */
function describeClearedEndorsement(e: ActivityEntry, { t }: WordingContext): string {
  const old = record(e.old_value)
  const decision =
    old.decision === 'endorse' || old.decision === 'object' ? t(`lifecycle.decisions.${old.decision}`) : '—'
  return t('activity.endorsementCleared', {
    organisation: typeof old.organisation === 'string' ? old.organisation : '—',
    decision,
  })
}

/** "Agreed to 1.3 for Workers' organisation", a reservation with its reason, or an agreement gone stale (ADR 037). */
function describeSignoff(e: ActivityEntry, { t }: WordingContext): string {
  const v = record(e.new_value)
  const constituency = typeof v.constituency === 'string' ? t(`constituency.${v.constituency}`) : ''
  return t(`activity.actions.signoff.${e.action}`, {
    code: typeof v.substep === 'string' ? v.substep : '',
    constituency,
    reason: typeof v.reason === 'string' ? v.reason : '',
  })
}

/** One history entry in a sentence of the reader's language. */
export function describeActivity(e: ActivityEntry, ctx: WordingContext): string {
  const { t } = ctx
  const newValue = record(e.new_value)
  const known = (key: string) => t(key, { defaultValue: '' }) !== ''
  if (e.entity_type === 'member' && newValue.byAdministrator === true) {
    return t('activity.actions.member.byAdministrator', { action: t(`activity.actions.member.${e.action}`) })
  }
  if (e.entity_type === 'measurement') return describeMeasurement(e, ctx)
  if (e.entity_type === 'plan' && e.action === 'status_changed') return describeStatusChange(e, ctx)
  if (e.entity_type === 'endorsement' && e.action === 'cleared') return describeClearedEndorsement(e, ctx)
  if (e.entity_type === 'signoff') return describeSignoff(e, ctx)
  if (e.entity_type === 'comment') {
    const ref = subjectRef(newValue.ref, ctx)
    return ref
      ? t(`activity.actions.comment.${e.action}`, { ref, defaultValue: t('activity.actions.comment.other', { ref }) })
      : t(`activity.actions.comment.${e.action}Plain`, { defaultValue: t('activity.actions.other') })
  }
  if (e.entity_type === 'score') {
    const ref = subjectRef(e.entity_id, ctx)
    return ref ? t('activity.actions.score.scoredRef', { ref }) : t('activity.actions.score.scored')
  }
  if (['plan', 'member', 'endorsement'].includes(e.entity_type)) {
    const key = `activity.actions.${e.entity_type}.${e.action}`
    return known(key) ? t(key) : t('activity.actions.other')
  }
  // Worksheet items: "Mandate register: added M3 (Labour Inspection Act s.12)". The worksheet's
  // title leads, so that no language has to fit it into a sentence (article, case, capital letter).
  const listKey = `worksheets:kinds.${e.entity_type}.title`
  if (!known(listKey)) return t('activity.actions.other')
  const list = t(listKey)
  const snapshot = record(e.action === 'deleted' ? e.old_value : e.new_value)
  const ref =
    subjectRef(snapshot.ref, ctx) ?? subjectRef(record(e.old_value).ref, ctx) ?? subjectRef(e.entity_id, ctx) ?? ''
  const title = e.action === 'created' || e.action === 'deleted' ? shorten(itemTitle(e.entity_type, snapshot, ctx)) : ''
  const key = `activity.item.${e.action}`
  if (!known(key)) return t('activity.item.other', { list, ref })
  return title
    ? t(`activity.item.${e.action}Titled`, { list, ref, title, defaultValue: t(key, { list, ref }) })
    : t(key, { list, ref })
}

/** For an update or a move: each changed field, labelled and written as people read it. */
export function describeChanges(
  e: ActivityEntry,
  ctx: WordingContext,
): { field: string; label: string; before: string; after: string }[] {
  if (e.action !== 'updated' && e.action !== 'moved') return []
  const kind = e.entity_type
  const format = (field: string, value: unknown) =>
    shorten(kind === 'plan' ? planFieldText(field, value, ctx) : valueText(fieldSpec(kind, field), value, ctx))
  const label = (field: string) =>
    field === 'position'
      ? ctx.t('activity.position')
      : kind === 'plan'
        ? planFieldLabel(field, ctx)
        : fieldLabel(kind, field, ctx)
  return changedFields(e.old_value, e.new_value, format).map((c) => ({ ...c, label: label(c.field) }))
}
