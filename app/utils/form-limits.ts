// The shape a submitted form may have (ADR 031). conform turns `a.b[3]` into nested objects and
// arrays, so one short field name can ask for a 100-million-slot array or a recursion thousands of
// levels deep. The portal's real forms stay far inside these bounds: flat names, a few `list[i]`.

export const FORM_FIELD_LIMITS = {
  /** Fields in one form (a full worksheet form has a few dozen). */
  fields: 1000,
  /** Characters in one field name. */
  nameLength: 100,
  /** Path segments in one name: `links[2].target` has three. */
  nameSegments: 8,
  /** The largest array index a name may use: `x[1000]` is the last one accepted. */
  arrayIndex: 1000,
} as const

/** Path segments that would reach an object's prototype when a parser nests the name. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'prototype', 'constructor'])

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/** The lower-case media type of a Content-Type header, without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase()
}

export function isFormContentType(type: string): boolean {
  return FORM_TYPES.has(type)
}

/** Why a field name is refused (a fixed text that never repeats the name), or null. */
export function checkFieldName(name: string): string | null {
  if (name.length > FORM_FIELD_LIMITS.nameLength)
    return `Form field name too long (limit ${FORM_FIELD_LIMITS.nameLength} characters)`
  const segments = name.split(/[.[\]]+/).filter(Boolean)
  if (segments.length > FORM_FIELD_LIMITS.nameSegments)
    return `Form field name nested too deeply (limit ${FORM_FIELD_LIMITS.nameSegments} levels)`
  for (const segment of segments) {
    if (/^\d+$/.test(segment) && Number(segment) > FORM_FIELD_LIMITS.arrayIndex)
      return `Form field index too large (limit ${FORM_FIELD_LIMITS.arrayIndex})`
    if (PROTOTYPE_KEYS.has(segment)) return 'Form field name not allowed'
  }
  return null
}
