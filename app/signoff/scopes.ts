import { type SubstepCode } from '#core/substeps.ts'
import { KINDS } from '../worksheets/kinds.ts'
import { SELECTION_KIND } from '../worksheets/step5.ts'

// What content a sub-step's sign-off is given on, as the scopes the database's change triggers name
// (migration 2026_12_06_1020, ADR 037): its worksheet kinds, the scores drawn on it and its notes.
// Scores belong to the sub-step that collects them, not to the one that lists what is scored.
const EXTRA_SCOPES: Partial<Record<SubstepCode, string[]>> = {
  '2.2': ['scores:pair'],
  '4.2': ['scores:stakeholder'],
  '5.2': ['scores:intervention', `kind:${SELECTION_KIND}`],
}

/** The content scopes of a sub-step; a change to any of them makes its sign-offs stale. */
export function substepScopes(code: SubstepCode): string[] {
  const kinds = Object.values(KINDS)
    .filter((k) => k.substep === code)
    .map((k) => `kind:${k.kind}`)
  return [...kinds, ...(EXTRA_SCOPES[code] ?? []), `notes:${code}`].sort()
}
