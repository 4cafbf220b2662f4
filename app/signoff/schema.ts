import { z } from '../utils/validation.ts'

// The sign-off forms of a sub-step page (ADR 037); isomorphic, parsed by the action.

export const SIGNOFF_INTENTS = ['signoff.agree', 'signoff.reserve', 'signoff.withdraw'] as const
export const REASON_MAX = 2000

export const signoffSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('signoff.agree') }),
  z.object({
    intent: z.literal('signoff.reserve'),
    reason: z
      .string({ required_error: 'signoff.errors.reasonRequired' })
      .trim()
      .min(1, 'signoff.errors.reasonRequired')
      .max(REASON_MAX),
  }),
  z.object({ intent: z.literal('signoff.withdraw') }),
])

export function isSignoffIntent(value: unknown): boolean {
  return typeof value === 'string' && (SIGNOFF_INTENTS as readonly string[]).includes(value)
}
