// Completeness and the constituencies' agreement in the exported plan (ADR 037): the counts among
// the review facts, and under each sub-step who agreed or reserved, and what went out of date.
import { type Block } from '../types.ts'
import { type ComposeContext } from './context.ts'

/** "Sub-steps complete: 12 of 16 · agreed: 3 of 16", or nothing for an approved version. */
export function signoffCountsFact(ctx: ComposeContext): { label: string; value: string }[] {
  const s = ctx.source.signoff
  if (!s) return []
  return [{ label: ctx.t('common:signoff.title'), value: ctx.t('common:signoff.counts', { ...s.counts }) }]
}

/** One sub-step's completeness, agreement and each constituency's sign-off, as label/value pairs. */
export function substepSignoffBlock(ctx: ComposeContext, code: string): Block[] {
  const { t, source } = ctx
  const state = source.signoff?.substeps.find((s) => s.code === code)
  if (!state) return []
  const day = (d: Date | string) => ctx.date(new Date(d).toISOString().slice(0, 10))
  const constituencies = [...state.signed, ...state.awaiting]
  const rows = source.signoff!.rows.filter((r) => r.substep === code)
  const items = [
    { label: t('common:signoff.completeLabel'), value: t(state.complete ? 'common:signoff.yes' : 'common:signoff.no') },
    { label: t('common:signoff.title'), value: t(`common:signoff.agreement.${state.agreement}`) },
    ...['government', 'workers', 'employers']
      .filter((c) => constituencies.includes(c as never))
      .map((c) => {
        const r = rows.find((row) => row.constituency === c)
        if (!r) return { label: t(`common:constituency.${c}`), value: t('common:signoff.awaiting') }
        const who = { name: r.user_name ?? t('common:activity.someone'), organisation: r.organisation_acronym ?? r.organisation_name ?? '—', when: day(r.signed_at) }
        const parts = [t(r.decision === 'agree' ? 'common:signoff.agreedBy' : 'common:signoff.reservedBy', who)]
        if (r.reason) parts.push(`“${r.reason}”`)
        if (r.stale_at) parts.push(t('common:signoff.staleSince', { when: day(r.stale_at) }))
        return { label: t(`common:constituency.${c}`), value: parts.join(' — ') }
      }),
  ]
  return [{ type: 'facts', items }]
}
