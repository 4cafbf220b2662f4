// Declarative description of a worksheet artefact kind. From it come the zod schema (used on the
// client and the server), the form, the table columns and the link checks. Isomorphic.
import { isStorable, z } from '../utils/validation.ts'
import { type PlausibilityCheck } from './plausibility.ts'
import { type PlanAction } from '#core/permissions.ts'
import { type SubstepCode } from '#core/substeps.ts'

export type FieldSpec =
  | { name: string; type: 'text'; max?: number; required?: boolean }
  | { name: string; type: 'longtext'; max?: number; required?: boolean }
  // Every number field states its range: a realistic one keeps sums and charts meaningful (ADR 033).
  | {
      name: string
      type: 'number'
      min: number
      max: number
      integer?: boolean
      required?: boolean
      /** Set another way (a map node's x/y, by dragging or arrow keys), never in the item form. */
      inForm?: false
    }
  | { name: string; type: 'enum'; options: readonly string[]; required?: boolean }
  | { name: string; type: 'multiEnum'; options: readonly string[] }
  | { name: string; type: 'date'; required?: boolean }
  | { name: string; type: 'boolean' }
  | { name: string; type: 'link'; kind: string; required?: boolean }
  | { name: string; type: 'links'; kind: string; min?: number }
  /**
   * A person on the plan's team (their user id), offered from the team and checked on the server to
   * be a member when saved (ADR 062); a person who leaves the team later is shown as a former member.
   */
  | { name: string; type: 'member'; hint?: string }

export interface KindSpec {
  kind: string
  substep: SubstepCode
  /** Prefix of the stable reference shown to people (M1, R2, D3 …). */
  refPrefix: string
  fields: readonly FieldSpec[]
  /** Fields shown as table columns (all by default). */
  columns?: readonly string[]
  /** The field that names an item in pickers and links. */
  titleField: string
  /** Whether the order of items matters (move up / down). */
  ordered?: boolean
  /** At most one item per plan (a settings-like form rather than a list). */
  singleton?: boolean
  /** The permission needed to create, change or delete items of this kind (worksheet:edit by default). */
  editAction?: PlanAction
  /** Cross-field checks, e.g. end date after start date. Messages are translation keys. */
  refine?: (data: Record<string, unknown>) => { path: string; message: string }[]
  /** Warnings that never block a save (dates outside the plan, links to deferred records …). */
  plausibility?: PlausibilityCheck
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function fieldSchema(f: FieldSpec): z.ZodTypeAny {
  switch (f.type) {
    case 'text':
    case 'longtext': {
      const s = z
        .string()
        .trim()
        .max(f.max ?? (f.type === 'text' ? 300 : 5000))
      return f.required
        ? s.min(1).refine(isStorable, 'validation.invalid')
        : s.refine(isStorable, 'validation.invalid').optional()
    }
    case 'number': {
      let n = z.number({ invalid_type_error: 'validation.number' })
      if (f.integer) n = n.int('validation.integer')
      n = n.min(f.min).max(f.max)
      return f.required ? n : n.optional()
    }
    case 'enum':
      return f.required
        ? z.enum(f.options as [string, ...string[]])
        : z.enum(f.options as [string, ...string[]]).optional()
    case 'multiEnum':
      return z
        .array(z.enum(f.options as [string, ...string[]]))
        .max(f.options.length)
        .default([])
    case 'date': {
      const d = z
        .string()
        .regex(DATE, 'validation.date')
        .refine(
          (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
          'validation.date',
        )
      return f.required ? d : d.optional()
    }
    case 'boolean':
      return z.boolean().default(false)
    case 'link': {
      const id = z.string().uuid('validation.unknownLink')
      return f.required ? id : id.optional()
    }
    case 'member':
      return z.string().uuid('validation.notMember').optional()
    case 'links':
      return z
        .array(z.string().uuid('validation.unknownLink'))
        .max(200)
        .min(f.min ?? 0)
        .default([])
  }
}

const cache = new Map<string, z.ZodTypeAny>()

/** The zod schema of an item's data (conform coerces form strings to numbers, booleans and arrays). */
export function dataSchema(spec: KindSpec) {
  let schema = cache.get(spec.kind)
  if (!schema) {
    const shape = Object.fromEntries(spec.fields.map((f) => [f.name, fieldSchema(f)]))
    schema = z.object(shape).superRefine((data, ctx) => {
      for (const issue of spec.refine?.(data) ?? [])
        ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message })
    })
    cache.set(spec.kind, schema)
  }
  return schema as z.ZodType<Record<string, unknown>>
}

/** Field names that reference other items, with the kind they must point to. */
export function linkFields(spec: KindSpec): { name: string; kind: string; many: boolean }[] {
  return spec.fields.flatMap((f) =>
    f.type === 'link' || f.type === 'links' ? [{ name: f.name, kind: f.kind, many: f.type === 'links' }] : [],
  )
}

/** Field names that name a member of the plan's team. */
export function memberFields(spec: KindSpec): string[] {
  return spec.fields.flatMap((f) => (f.type === 'member' ? [f.name] : []))
}

/** The key under which a form's options list the plan's team, for its member fields. */
export const MEMBER_OPTIONS = '@member'

/** The fields the item form shows and saves (all but those set another way, e.g. a node's position). */
export function formFields(spec: KindSpec): readonly FieldSpec[] {
  return spec.fields.filter((f) => !('inForm' in f && f.inForm === false))
}
