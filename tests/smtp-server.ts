import { SMTPServer } from 'smtp-server'

// A real SMTP server on loopback for the tests (ADR 060): it accepts (or, while told to, refuses
// with a temporary error) every message and keeps what it received, parsed enough to read the
// headers, the plain text and the HTML. No mailparser: nodemailer's output is regular MIME.

export interface ReceivedMail {
  to: string[]
  headers: Map<string, string>
  subject: string
  messageId: string
  text: string
  html: string
  raw: string
}

export interface TestSmtpServer {
  port: number
  url: string
  messages: ReceivedMail[]
  /** Refuse the next `count` messages with a temporary failure (451). */
  refuseNext(count: number): void
  /** Resolves with the messages to `address` once there are at least `count` of them. */
  waitFor(address: string, count?: number): Promise<ReceivedMail[]>
  /** Called with each message as it arrives (the e2e server writes them to files). */
  onMessage?: (mail: ReceivedMail) => void
  close(): Promise<void>
}

export async function startSmtpServer(options: { port?: number } = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = []
  let refusals = 0
  const waiters = new Set<() => void>()
  const state: TestSmtpServer = {
    port: 0,
    url: '',
    messages,
    refuseNext: (count) => (refusals = count),
    waitFor: (address, count = 1) =>
      new Promise((resolve) => {
        const check = () => {
          const found = messages.filter((m) => m.to.includes(address.toLowerCase()))
          if (found.length < count) return false
          waiters.delete(check)
          resolve(found)
          return true
        }
        if (!check()) waiters.add(check)
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 })
          return callback(error)
        }
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase())
        const mail = { ...parseMail(Buffer.concat(chunks).toString('utf8')), to }
        messages.push(mail)
        state.onMessage?.(mail)
        for (const check of [...waiters]) check()
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  state.port = typeof address === 'object' && address ? address.port : 0
  state.url = `smtp://127.0.0.1:${state.port}`
  return state
}

/** Headers (unfolded, names lower-cased) and body of one MIME entity. */
function splitEntity(raw: string) {
  const normalised = raw.replace(/\r\n/g, '\n')
  const end = normalised.indexOf('\n\n')
  const head = end === -1 ? normalised : normalised.slice(0, end)
  const body = end === -1 ? '' : normalised.slice(end + 2)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { headers, body }
}

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = (encoding ?? '7bit').toLowerCase()
  if (kind === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (kind === 'quoted-printable') {
    const bytes = body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`)
    // Percent-decoding turns the =XX bytes back into UTF-8; a literal % is escaped first.
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'))
  }
  return body
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) in a header. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, mode: string, text: string) =>
      mode.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
    )
}

function parseMail(raw: string): Omit<ReceivedMail, 'to'> {
  const { headers, body } = splitEntity(raw)
  let text = ''
  let html = ''
  const visit = (entityHeaders: Map<string, string>, entityBody: string) => {
    const type = entityHeaders.get('content-type') ?? 'text/plain'
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
    if (/^multipart\//i.test(type) && boundary) {
      for (const part of entityBody.split(`--${boundary}`).slice(1)) {
        if (part.startsWith('--')) break
        const inner = splitEntity(part.replace(/^\n/, ''))
        visit(inner.headers, inner.body)
      }
      return
    }
    const decoded = decodeBody(entityBody, entityHeaders.get('content-transfer-encoding'))
    if (/^text\/html/i.test(type)) html = decoded
    else if (/^text\/plain/i.test(type)) text = decoded
  }
  visit(headers, body)
  return {
    headers,
    subject: decodeHeader(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? '',
    text,
    html,
    raw,
  }
}
