// TRANSITIONAL: sub-steps not yet moved into their folder, defined from the old per-step modules.
// Deleted when the last sub-step has its folder.
import { type SubstepCode } from '#core/substeps.ts'
import { LEGACY_SPECS, SUBSTEP_WORKSHEETS } from '../worksheets/kinds.ts'
import { defineWorksheet, type SubstepWorksheet } from './define.ts'

export function legacyWorksheet<C extends SubstepCode>(code: C): SubstepWorksheet<C> {
  const config = SUBSTEP_WORKSHEETS[code] ?? { kinds: [], linkKinds: [] }
  return defineWorksheet({
    code,
    kinds: LEGACY_SPECS.filter((k) => k.substep === code),
    lists: config.kinds,
    linkKinds: config.linkKinds,
  })
}
