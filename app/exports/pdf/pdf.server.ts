// Server-side PDF of the print view with the system's headless Chromium (see ADR 023). The page is
// rendered on the server and handed over with setContent: Chromium never signs in and never
// fetches anything (requests are blocked), so no session or network is involved.
import { chromium, type Browser } from 'playwright-core'
import { chromiumPath, isExecutable } from './chromium-path.ts'
import { Limiter } from './limiter.ts'

/** Whether a Chromium executable is there to print with. */
export function isPdfAvailable(path = chromiumPath()): boolean {
  return isExecutable(path)
}

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(`No Chromium executable at ${path}`)
  }
}

export class PdfTimeoutError extends Error {
  constructor() {
    super('Printing the PDF took too long')
  }
}

const RENDER_TIMEOUT_MS = 60_000
const CLOSE_TIMEOUT_MS = 5_000
/** PDFs printed at once, waiting at most, and per user (running or waiting): see docs/security.md. */
export const PDF_LIMITS = { concurrency: 2, maxQueued: 6, maxWaitMs: 90_000, perKey: 2 } as const
const limiter = new Limiter(PDF_LIMITS)

/** How many PDFs are being printed and how many wait (for tests and diagnostics). */
export function pdfQueueStats() {
  return limiter.stats
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--no-first-run',
  '--mute-audio',
  '--font-render-hinting=none',
]

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms))),
  ]).finally(() => clearTimeout(timer))
}

/** Closes the browser; a browser that does not close in time is abandoned rather than awaited forever. */
async function closeQuietly(browser: Browser): Promise<void> {
  await withTimeout(browser.close(), CLOSE_TIMEOUT_MS, () => new Error('close timed out')).catch(() => {})
}

async function render(browser: Browser, html: string): Promise<Uint8Array> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
  const page = await context.newPage()
  // Everything the page needs is inline; anything else (a link in a user's notes) stays unloaded.
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()))
  await page.setContent(html, { waitUntil: 'load' })
  await page.emulateMedia({ media: 'print' })
  const pdf = await page.pdf({
    format: 'A4',
    tagged: true,
    outline: true,
    printBackground: true,
    preferCSSPageSize: true,
  })
  return new Uint8Array(pdf)
}

/** One browser per PDF: nothing is shared between exports, and closing it frees everything. */
async function print(html: string, executablePath: string): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath, args: ARGS, timeout: 30_000 })
  let timer: NodeJS.Timeout | undefined
  // On timeout the browser is closed at once, which also fails whatever the page was still doing.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfTimeoutError()), RENDER_TIMEOUT_MS)
  })
  try {
    return await Promise.race([render(browser, html), timeout])
  } finally {
    clearTimeout(timer)
    await closeQuietly(browser)
  }
}

/**
 * Prints a self-contained HTML page to a tagged PDF with bookmarks. At most two run at once; others
 * queue (QueueFullError / QueueTimeoutError when that is not possible), each is bounded in time.
 * `owner` (the user asking) may have at most two running or waiting (KeyBusyError beyond).
 */
export async function htmlToPdf(
  html: string,
  options: { executablePath?: string; owner?: string } = {},
): Promise<Uint8Array> {
  const executablePath = options.executablePath ?? chromiumPath()
  if (!isPdfAvailable(executablePath)) throw new ChromiumMissingError(executablePath)
  return limiter.run(() => print(html, executablePath), options.owner)
}
