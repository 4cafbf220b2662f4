// The ILO's six steps and 16 sub-steps (names from the 2017 brief). Isomorphic.
export const STEPS = [
  { step: 1, substeps: ['1.1', '1.2', '1.3'] },
  { step: 2, substeps: ['2.1', '2.2', '2.3'] },
  { step: 3, substeps: ['3.1', '3.2'] },
  { step: 4, substeps: ['4.1', '4.2', '4.3'] },
  { step: 5, substeps: ['5.1', '5.2', '5.3'] },
  { step: 6, substeps: ['6.1', '6.2'] },
] as const

export const SUBSTEP_CODES = STEPS.flatMap((s) => s.substeps) as readonly SubstepCode[]
export type SubstepCode = (typeof STEPS)[number]['substeps'][number]

export function isSubstepCode(value: unknown): value is SubstepCode {
  return typeof value === 'string' && (SUBSTEP_CODES as readonly string[]).includes(value)
}

/** The sub-steps before and after `code`, for the previous / next links. */
export function neighbours(code: SubstepCode): { previous: SubstepCode | null; next: SubstepCode | null } {
  const i = SUBSTEP_CODES.indexOf(code)
  return { previous: SUBSTEP_CODES[i - 1] ?? null, next: SUBSTEP_CODES[i + 1] ?? null }
}
