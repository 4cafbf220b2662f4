// Completeness and the constituencies' agreement in the exported plan (ADR 037): the counts among
// the review facts, and under each sub-step who agreed or reserved, and what went out of date.
import { signoffEntries } from '../../signoff/entries.ts'
import { type Block } from '../types.ts'
import { type ComposeContext } from './context.ts'

/** "Sub-steps complete: 12 of 16 · agreed: 3 of 16", live or as frozen with a version; nothing for versions approved before sign-offs were kept. */
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
  const items = [
    { label: t('common:signoff.completeLabel'), value: t(state.complete ? 'common:signoff.yes' : 'common:signoff.no') },
    { label: t('common:signoff.title'), value: t(`common:signoff.agreement.${state.agreement}`) },
    ...signoffEntries(state, source.signoff!.rows).map(({ constituency: c, signoff: s }) => {
      if (!s) return { label: t(`common:constituency.${c}`), value: t('common:signoff.awaiting') }
      const who = {
        name: s.name ?? t('common:activity.someone'),
        organisation: s.organisation ?? '—',
        when: day(s.signedAt),
      }
      const parts = [t(s.decision === 'agree' ? 'common:signoff.agreedBy' : 'common:signoff.reservedBy', who)]
      if (s.reason) parts.push(`“${s.reason}”`)
      if (s.staleAt) parts.push(t('common:signoff.staleSince', { when: day(s.staleAt) }))
      return { label: t(`common:constituency.${c}`), value: parts.join(' — ') }
    }),
  ]
  return [{ type: 'facts', items }]
}
