import { type SubstepCode } from '#core/substeps.ts'
import { SUBSTEPS } from '../method/substeps.server.ts'

// What content a sub-step's sign-off is given on, as the scopes the database's change triggers name
// (migration 2026_12_06_1020, ADR 037): its worksheet kinds, what else its definition adds (the
// scores drawn on it) and its notes. Scores belong to the sub-step that collects them, not to the
// one that lists what is scored.

/** The content scopes of a sub-step; a change to any of them makes its sign-offs stale. */
export function substepScopes(code: SubstepCode): string[] {
  const { worksheet, scopes = [] } = SUBSTEPS[code]
  return [...worksheet.kinds.map((k) => `kind:${k.kind}`), ...scopes, `notes:${code}`].sort()
}
