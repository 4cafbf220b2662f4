import { TRIPARTITE, type Constituency } from '#core/vocabulary.ts'
import { SUBSTEP_CODES, type SubstepCode } from '#core/substeps.ts'

// The one rule for "complete" and "agreed" (ADR 037), used by the overview, the sub-step page, the
// dashboard and the exports, so that no two places ever count differently. Isomorphic and pure.

export interface SignoffInput {
  constituency: string
  decision: 'agree' | 'reserve'
  /** Whether the content changed after this sign-off was given. */
  stale: boolean
}

/**
 * - `agreed`: every constituency on the team has a current agreement or reservation;
 * - `stale`: not agreed, and a sign-off was given on content that has changed since;
 * - `partial`: some constituencies have signed off, none of it stale;
 * - `none`: nobody has, or the team represents no constituency that could.
 */
export type Agreement = 'agreed' | 'stale' | 'partial' | 'none'

export interface SubstepSignoffState {
  code: SubstepCode
  complete: boolean
  agreement: Agreement
  /** The team's constituencies with a current sign-off, and those still to give one (or renew a stale one). */
  signed: Constituency[]
  awaiting: Constituency[]
}

export interface SignoffCounts {
  total: number
  complete: number
  agreed: number
  stale: number
}

/**
 * Each sub-step's state and the plan's counts from which sub-steps are complete, the sign-offs
 * given and the constituencies the team represents (only government, workers and employers sign).
 */
export function summariseSignoff(input: {
  complete: Iterable<string>
  signoffs: Partial<Record<string, SignoffInput[]>>
  constituencies: Iterable<string>
}): { substeps: SubstepSignoffState[]; counts: SignoffCounts } {
  const complete = new Set(input.complete)
  const team = new Set(input.constituencies)
  const required: Constituency[] = TRIPARTITE.filter((c) => team.has(c))
  const substeps = SUBSTEP_CODES.map((code): SubstepSignoffState => {
    const given = (input.signoffs[code] ?? []).filter((s) => required.includes(s.constituency as Constituency))
    const current = new Set(given.filter((s) => !s.stale).map((s) => s.constituency))
    const signed = required.filter((c) => current.has(c))
    const awaiting = required.filter((c) => !current.has(c))
    const agreement: Agreement =
      required.length > 0 && awaiting.length === 0
        ? 'agreed'
        : given.some((s) => s.stale)
          ? 'stale'
          : signed.length > 0
            ? 'partial'
            : 'none'
    return { code, complete: complete.has(code), agreement, signed, awaiting }
  })
  return {
    substeps,
    counts: {
      total: substeps.length,
      complete: substeps.filter((s) => s.complete).length,
      agreed: substeps.filter((s) => s.agreement === 'agreed').length,
      stale: substeps.filter((s) => s.agreement === 'stale').length,
    },
  }
}
