import { z } from 'zod'

// Every zod message is a translation key (optionally `key|value`), rendered by <FieldErrors>.
z.setErrorMap((issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return {
        message:
          issue.received === 'undefined' || issue.received === 'null' ? 'validation.required' : 'validation.invalid',
      }
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string' && issue.minimum === 1) return { message: 'validation.required' }
      if (issue.type === 'array' && issue.minimum === 1) return { message: 'validation.chooseOne' }
      return { message: `validation.tooSmall|${String(issue.minimum)}` }
    case z.ZodIssueCode.too_big:
      return {
        message:
          issue.type === 'string'
            ? `validation.tooLong|${String(issue.maximum)}`
            : `validation.tooBig|${String(issue.maximum)}`,
      }
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: 'validation.invalidChoice' }
    case z.ZodIssueCode.invalid_string:
      return { message: issue.validation === 'email' ? 'validation.email' : 'validation.invalid' }
    default:
      return { message: ctx.defaultError.startsWith('validation.') ? ctx.defaultError : 'validation.invalid' }
  }
})

export { z }

/** Trimmed single-line text; empty becomes undefined so `.optional()` works with HTML forms. */
export const text = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z.string().max(max).refine(isStorable, 'validation.invalid'),
  )

export const longText = (max = 5000) => text(max)

/** A real calendar date 'YYYY-MM-DD' in 1900–2999 (PostgreSQL rejects year 0000 with an error). */
export const isoDate = z
  .string()
  .regex(/^(19|2\d)\d{2}-\d{2}-\d{2}$/, 'validation.date')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'validation.date',
  )

export const uuid = z.string().uuid('validation.invalid')

/** PostgreSQL text cannot hold U+0000: such input is refused here rather than failing in the database. */
export const isStorable = (v: string) => !v.includes('\u0000')

/** A multi-value form field (checkboxes): always an array. */
export const manyOf = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item))

export const password = z.string().min(12, 'validation.passwordLength').max(256, 'validation.tooLong|256')

/**
 * A second-factor code as typed: six digits from the authenticator, or a recovery code
 * (`xxxx-xxxx-xxxx-xxxx`, spaces and dashes allowed). Which one it is, and whether it is right,
 * the server decides (ADR 064).
 */
export const secondFactorCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z\s-]+$/, 'twoFactor.codeFormat')

/** Six digits from the authenticator app (spaces allowed, as some apps show `123 456`). */
export const totpCode = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^\d{3}\s?\d{3}$/, 'twoFactor.totpFormat')
  .transform((v) => v.replace(/\s/g, ''))
