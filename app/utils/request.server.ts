/** The client's address as seen by the web server (set by app/server.ts from the socket or a trusted proxy). */
export function clientIp(request: Request): string {
  return request.headers.get('X-Client-Ip') ?? 'unknown'
}

/**
 * The submitted form. A body that is not a form (JSON, garbage, no Content-Type) reads as an empty
 * form, so the route's validation answers 400 instead of the parser throwing a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    return new FormData()
  }
}
