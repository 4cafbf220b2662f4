import { isCountryCode } from './countries.ts'
import { ISIC_SECTIONS } from './isic.ts'
import { LOCALES, PLAN_SCOPES } from '#core/vocabulary.ts'
import { isoDate, isStorable, z } from './validation.ts'

const isIsicSection = (v: string) => (ISIC_SECTIONS as readonly string[]).includes(v)

/** The plan details form, shared by "new plan" and "edit details", on the client and the server. */
export const planSchema = z
  .object({
    title: z.string().trim().min(1).max(200).refine(isStorable, 'validation.invalid'),
    countryCode: z.string().refine(isCountryCode, 'validation.invalidChoice'),
    region: z.string().trim().max(120).refine(isStorable, 'validation.invalid').optional(),
    // Checked as a whole, so an unknown or repeated section is reported on the field the form shows.
    sectors: z
      .array(z.string())
      .min(1)
      .max(ISIC_SECTIONS.length)
      .refine((s) => s.every(isIsicSection) && new Set(s).size === s.length, 'validation.invalidChoice'),
    scope: z.enum(PLAN_SCOPES),
    startDate: isoDate,
    endDate: isoDate,
    workingLanguage: z.enum(LOCALES),
  })
  .refine((v) => v.endDate > v.startDate, { path: ['endDate'], message: 'validation.endBeforeStart' })

export type PlanFormValues = z.infer<typeof planSchema>
