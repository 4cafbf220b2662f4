import { checkFieldName, FORM_FIELD_LIMITS, isFormContentType, mediaType } from './form-limits.ts'

/** The client's address as seen by the web server (set by app/server.ts from the socket or a trusted proxy). */
export function clientIp(request: Request): string {
  return request.headers.get('X-Client-Ip') ?? 'unknown'
}

/** A refusal thrown from an action: Remix answers with its status and the route's error boundary. */
function refusal(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * The submitted form, read the one way every action reads it. No body reads as an empty form, so
 * the route's validation answers 400 with field errors. A body that is not a form (JSON, text,
 * no Content-Type) is refused with 415, a broken one with 400, and a form whose field names break
 * the shape limits (ADR 031) with 400, before conform nests those names into objects and arrays.
 * The web server checks the same limits before Remix runs; this keeps actions safe when called
 * any other way.
 */
export async function readFormData(request: Request): Promise<FormData> {
  if (request.body === null) return new FormData()
  if (!isFormContentType(mediaType(request.headers.get('Content-Type'))))
    throw refusal(415, 'Unsupported content type: send a form')
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw refusal(400, 'Malformed form body')
  }
  let count = 0
  for (const name of form.keys()) {
    if (++count > FORM_FIELD_LIMITS.fields)
      throw refusal(400, `Too many form fields (limit ${FORM_FIELD_LIMITS.fields})`)
    const problem = checkFieldName(name)
    if (problem) throw refusal(400, problem)
  }
  return form
}
