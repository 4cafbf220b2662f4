import { TRIPARTITE } from '#core/vocabulary.ts'
import { type SubstepSignoffState } from './summary.ts'

// Each constituency of the team with its sign-off on one sub-step, as the pages show it: the live
// sub-step page and an approved version's frozen agreement use the same shape.

export interface SignoffEntryRow {
  substep: string
  constituency: string
  decision: 'agree' | 'reserve'
  reason: string | null
  signed_at: Date | string
  stale_at: Date | string | null
  user_name: string | null
  organisation_name: string | null
  organisation_acronym: string | null
}

export interface SignoffEntry {
  constituency: string
  signoff: {
    decision: 'agree' | 'reserve'
    reason: string | null
    name: string | null
    organisation: string | null
    signedAt: string
    staleAt: string | null
  } | null
}

/** The team's constituencies (those still to sign included) in a fixed order, each with its sign-off. */
export function signoffEntries(state: SubstepSignoffState, rows: SignoffEntryRow[]): SignoffEntry[] {
  const constituencies: string[] = [...state.signed, ...state.awaiting]
  return TRIPARTITE.filter((c) => constituencies.includes(c)).map((constituency) => {
    const r = rows.find((row) => row.substep === state.code && row.constituency === constituency)
    return {
      constituency,
      signoff: r
        ? {
            decision: r.decision,
            reason: r.reason,
            name: r.user_name,
            organisation: r.organisation_acronym ?? r.organisation_name,
            signedAt: new Date(r.signed_at).toISOString(),
            staleAt: r.stale_at ? new Date(r.stale_at).toISOString() : null,
          }
        : null,
    }
  })
}
