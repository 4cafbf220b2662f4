// What a sub-step is on both sides of the wire: the worksheet kinds it owns and what its page lists.
// Isomorphic (the browser draws the lists and forms from the kind specs). The server half of a
// sub-step (loader, actions, checks, progress, export, seed) is `define.server.ts`; its panels are
// `define-panels.ts`. Each of the 16 folders next to this file defines its sub-step with these.
import { type SubstepCode } from '#core/substeps.ts'
import { type KindSpec } from '../worksheets/spec.ts'

export interface SubstepWorksheet<C extends SubstepCode = SubstepCode> {
  code: C
  /** Every kind this sub-step owns: its sign-off covers them (ADR 037). */
  kinds: readonly KindSpec[]
  /** The owned kinds the page shows as generic worksheet lists, in order (others are drawn by panels). */
  lists: readonly string[]
  /** Kinds of other sub-steps its forms may link to (loaded as options). */
  linkKinds: readonly string[]
}

/**
 * Defines what a sub-step edits. A kind names its sub-step (the generic lists, search and sign-off
 * read it from the spec); a kind listed under another sub-step's code fails here, as the module loads.
 */
export function defineWorksheet<C extends SubstepCode>(def: SubstepWorksheet<C>): SubstepWorksheet<C> {
  const foreign = def.kinds.filter((k) => k.substep !== def.code).map((k) => k.kind)
  if (foreign.length) throw new Error(`Sub-step ${def.code} lists kinds of another sub-step: ${foreign.join(', ')}`)
  const unowned = def.lists.filter((kind) => !def.kinds.some((k) => k.kind === kind))
  if (unowned.length) throw new Error(`Sub-step ${def.code} lists kinds it does not own: ${unowned.join(', ')}`)
  return def
}
