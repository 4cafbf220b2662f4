// Requests to the cluster's nginx over TLS, trusting only the test's own certificate.
import https from 'node:https'

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

export function request(
  origin: string,
  pathname: string,
  options: { ca: Buffer; method?: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(pathname, origin),
      { method: options.method ?? 'GET', headers: options.headers, ca: options.ca, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer to ${pathname} in 30 s`)))
    req.end(options.body)
  })
}
