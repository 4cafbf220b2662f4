import { Readable } from 'node:stream'
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from '@remix-run/node'
import { type Request as ExpressRequest, type RequestHandler, type Response as ExpressResponse } from 'express'
import { checkedBody } from './request-limits.server.ts'

// Serves the Remix build from express. Used instead of @remix-run/express's handler because that
// one streams the body from the socket itself: here Remix receives the body the limits middleware
// already read and checked (ADR 031), so nothing unchecked reaches a route.

type Build = ServerBuild | (() => Promise<ServerBuild>)

/** PostgreSQL "data exception" codes (class 22): a value that cannot be stored or compared as sent. */
const isDataException = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'string' &&
  (error as { code: string }).code.startsWith('22')

function guarded<F extends (...args: never[]) => unknown>(fn: F | undefined, routeId: string): F | undefined {
  if (!fn) return undefined
  return (async (...args: Parameters<F>) => {
    try {
      return await fn(...args)
    } catch (error) {
      if (!isDataException(error)) throw error
      // A value a schema should have refused reached the database: the request was bad, not the server.
      console.warn(
        `[web] ${routeId}: input refused by PostgreSQL (${(error as { code: string }).code}); tighten its schema`,
      )
      throw new Response('Invalid input', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    }
  }) as unknown as F
}

/** The build with every loader and action answering 400, not 500, when PostgreSQL refuses a value. */
export function withInputErrorsAs400(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [
      id,
      {
        ...route,
        module: { ...route.module, loader: guarded(route.module.loader, id), action: guarded(route.module.action, id) },
      },
    ]),
  )
  return { ...build, routes }
}

function guardBuild(build: Build): Build {
  return typeof build === 'function' ? async () => withInputErrorsAs400(await build()) : withInputErrorsAs400(build)
}

function requestUrl(req: ExpressRequest): string {
  // req.hostname and req.protocol follow the `trust proxy` setting; the port comes from the same header.
  const hostHeader = (req.app.get('trust proxy') ? req.get('x-forwarded-host') : undefined) ?? req.get('host') ?? ''
  const port = /:(\d+)$/.exec(hostHeader)?.[1]
  return new URL(`${req.protocol}://${req.hostname || 'localhost'}${port ? `:${port}` : ''}${req.originalUrl}`).href
}

function requestHeaders(req: ExpressRequest): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else if (value !== undefined) headers.set(name, value)
  }
  return headers
}

function requestBody(req: ExpressRequest): BodyInit | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined
  const body = checkedBody(req)
  if (body) return body.length > 0 ? body : undefined
  // Without the limits middleware in front (never in the portal), stream as the stock adapter does.
  return Readable.toWeb(req) as ReadableStream<Uint8Array>
}

async function send(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) res.append(name, value)
  if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders()
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}

/** Express handler for every request Remix serves. */
export function remixHandler(build: Build, mode: string): RequestHandler {
  const handle = createRequestHandler(guardBuild(build), mode)
  return (req, res, next) => {
    let request: Request
    const controller = new AbortController()
    try {
      request = new Request(requestUrl(req), {
        method: req.method,
        headers: requestHeaders(req),
        body: requestBody(req),
        signal: controller.signal,
        duplex: 'half',
      } as RequestInit)
    } catch {
      res.status(400).type('text/plain').send('Malformed request')
      return
    }
    // Loaders and actions stop when the client goes away before the answer is complete.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    // The load context carries what express middleware computed for this response (the CSP nonce).
    handle(request, { cspNonce: res.locals.cspNonce as string | undefined })
      .then((response) => send(res, response))
      .catch(next)
  }
}
