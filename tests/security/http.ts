import http from 'node:http'

// A bare HTTP client for hostile requests: exact bytes and headers, bodies that lie about their
// length, chunked bodies, and no client-side checks standing between the test and the server.

export interface HostileRequest {
  method?: string
  headers?: Record<string, string>
  /** Sent with its Content-Length unless `chunks` or `declaredLength` say otherwise. */
  body?: string | Buffer
  /** Sent with Transfer-Encoding: chunked, one write each. */
  chunks?: Buffer[]
  /** Claim this Content-Length, send only `body`, and wait for the answer without finishing. */
  declaredLength?: number
}

export interface HostileResponse {
  status: number
  headers: http.IncomingHttpHeaders
  /** At most the first 64 KiB: enough to look for echoed input, never an endless stream. */
  text: string
}

const MAX_READ = 64 * 1024

export function send(base: string, path: string, request: HostileRequest = {}): Promise<HostileResponse> {
  const headers: Record<string, string> = { ...request.headers }
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body
  if (request.chunks) headers['Transfer-Encoding'] = 'chunked'
  else if (request.declaredLength !== undefined) headers['Content-Length'] = String(request.declaredLength)
  else if (body) headers['Content-Length'] = String(body.length)
  return new Promise((resolve, reject) => {
    let settled = false
    const req = http.request(new URL(path, base), { method: request.method ?? 'POST', headers, agent: false })
    req.on('error', (error) => {
      if (!settled) reject(error)
    })
    req.on('response', (res) => {
      const parts: Buffer[] = []
      let size = 0
      const finish = () => {
        if (settled) return
        settled = true
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') })
        req.destroy()
      }
      res.on('data', (chunk: Buffer) => {
        parts.push(chunk)
        size += chunk.length
        if (size >= MAX_READ) finish()
      })
      res.on('end', finish)
      res.on('error', finish)
      // Event streams never end: their status and headers are the answer.
      if (/event-stream/.test(String(res.headers['content-type']))) finish()
    })
    if (request.chunks) {
      for (const chunk of request.chunks) req.write(chunk)
      req.end()
    } else if (request.declaredLength !== undefined) {
      if (body) req.write(body)
    } else {
      req.end(body)
    }
  })
}
