import {
  type NextFunction,
  type Request as ExpressRequest,
  type RequestHandler,
  type Response as ExpressResponse,
} from 'express'
import { checkFieldName, FORM_FIELD_LIMITS, isFormContentType, mediaType } from './form-limits.ts'

// Limits every request body meets before anything parses it (ADR 031). The web server runs this
// in front of Remix, so a route never sees a body that is too large, not a form, or shaped to make
// a parser build huge arrays or recurse deeply. Replies are short fixed texts: nothing from the
// request is echoed back.

/** Any form (sign-in, worksheets, comments, settings): far above what a person types. */
export const FORM_BODY_LIMIT = 1024 * 1024

/**
 * Spreadsheet uploads (measurement import, inspection statistics): what those routes accepted
 * before this limit existed, twice their 2 MiB file limit, so a file between the two still gets
 * the route's own translated "file too large" message.
 */
export const UPLOAD_BODY_LIMIT = 4 * 1024 * 1024

const UPLOAD_PATHS = [/^\/plans\/[^/]+\/monitoring(\.data)?$/, /^\/statistics(\.data)?$/]
const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The largest body accepted on this path. Single-fetch submissions post to `<path>.data`. */
export function bodyLimitFor(path: string): number {
  return UPLOAD_PATHS.some((pattern) => pattern.test(path)) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT
}

const bodies = new WeakMap<ExpressRequest, Buffer>()

/** The body the limits middleware read and checked, or undefined when it did not run. */
export function checkedBody(req: ExpressRequest): Buffer | undefined {
  return bodies.get(req)
}

/**
 * How much of a refused body is read and thrown away before the connection is reset. Closing at
 * once would make the client's TCP stack discard our reply while it is still sending, so an
 * honest client that sent a little too much would see a reset instead of the 413.
 */
export const DISCARD_LIMIT = 8 * 1024 * 1024

function refuse(req: ExpressRequest, res: ExpressResponse, status: number, message: string) {
  res.status(status).type('text/plain').send(message)
  if (req.complete) return
  let discarded = 0
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length
    if (discarded > DISCARD_LIMIT) req.socket.destroy()
  })
  req.on('error', () => {}) // the client going away mid-body is expected here
  req.resume()
}

function tooLarge(req: ExpressRequest, res: ExpressResponse, limit: number) {
  refuse(req, res, 413, `Request body too large (limit ${limit} bytes)`)
}

/** Express middleware: size, content type and form-shape limits for every request with a body. */
export function requestLimits(): RequestHandler {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (METHODS_WITHOUT_BODY.has(req.method)) return next()
    const limit = bodyLimitFor(req.path)
    const declared = req.get('content-length')
    const chunked = req.get('transfer-encoding') !== undefined
    if (declared !== undefined && !/^\d+$/.test(declared)) return refuse(req, res, 400, 'Invalid Content-Length')
    if (declared !== undefined && Number(declared) > limit) return tooLarge(req, res, limit)
    if (!chunked && (declared === undefined || declared === '0')) {
      bodies.set(req, Buffer.alloc(0))
      return next()
    }
    const type = mediaType(req.get('content-type'))
    if (!isFormContentType(type)) return refuse(req, res, 415, 'Unsupported content type: send a form')
    readBounded(req, limit).then(
      async (body) => {
        if (body === 'tooLarge') return tooLarge(req, res, limit)
        const problem = await checkFormShape(body, type, req.get('content-type')!)
        if (problem) return refuse(req, res, 400, problem)
        bodies.set(req, body)
        next()
      },
      () => refuse(req, res, 400, 'The request body could not be read'),
    )
  }
}

/** Reads the body, counting bytes as they arrive (chunked bodies declare no length) and stopping at the limit. */
function readBounded(req: ExpressRequest, limit: number): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.off('data', onData)
        req.pause()
        resolve('tooLarge')
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks, size)))
    req.on('error', reject)
  })
}

/** A short reason when the form breaks a shape limit or cannot be parsed, else null. */
export async function checkFormShape(body: Buffer, type: string, contentType: string): Promise<string | null> {
  if (type === 'multipart/form-data') {
    let form: FormData
    try {
      form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData()
    } catch {
      return 'Malformed multipart body'
    }
    return checkNames(form.keys())
  }
  return checkNames(urlencodedNames(body.toString('latin1')))
}

function checkNames(names: Iterable<string>): string | null {
  let count = 0
  for (const name of names) {
    if (++count > FORM_FIELD_LIMITS.fields) return `Too many form fields (limit ${FORM_FIELD_LIMITS.fields})`
    const problem = checkFieldName(name)
    if (problem) return problem
  }
  return null
}

/** The field names of a url-encoded body, decoded lazily so a huge body is never split at once. */
function* urlencodedNames(body: string): Generator<string> {
  let start = 0
  while (start <= body.length) {
    let end = body.indexOf('&', start)
    if (end === -1) end = body.length
    const pair = body.slice(start, end)
    start = end + 1
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const raw = (eq === -1 ? pair : pair.slice(0, eq)).replaceAll('+', ' ')
    // The raw bytes are checked when the name does not decode: its length and shape still count.
    let name = raw
    try {
      name = decodeURIComponent(raw)
    } catch {
      name = raw
    }
    yield name
  }
}
