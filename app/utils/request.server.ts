/** The client's address as seen by the web server (set by app/server.ts from the socket or a trusted proxy). */
export function clientIp(request: Request): string {
  return request.headers.get('X-Client-Ip') ?? 'unknown'
}
