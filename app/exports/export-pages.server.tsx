// The HTTP side of the exports: the guard for export URLs (a readable page instead of JSON when
// access is refused), the print page and the PDF download. Route modules stay thin wrappers.
import { renderToStaticMarkup } from 'react-dom/server'
import { getDb } from '../utils/db.server.ts'
import { getFixedT, getLocale } from '../i18n/i18next.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'
import { buildPlanDocument } from './plan-document.server.ts'
import { ChromiumMissingError, htmlToPdf, isPdfAvailable, PdfTimeoutError } from './pdf/pdf.server.ts'
import { KeyBusyError, QueueFullError, QueueTimeoutError } from './pdf/limiter.ts'
import { renderPrintHtml } from './print/render.server.tsx'
import { type Lang } from './types.ts'

const NO_STORE = { 'Cache-Control': 'no-store, private' }

function isDataWithInit(value: unknown): value is { type: 'DataWithResponseInit'; init: ResponseInit | null } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit'
}

/** A small self-contained HTML page for refusals and failures, in the reader's language. */
export function messagePage(
  lang: Lang,
  title: string,
  paragraphs: string[],
  link?: { href: string; text: string },
): string {
  const body = renderToStaticMarkup(
    <main
      style={{ maxWidth: '40rem', margin: '3rem auto', fontFamily: 'sans-serif', lineHeight: 1.5, padding: '0 1rem' }}
    >
      <h1>{title}</h1>
      {paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {link ? (
        <p>
          <a href={link.href}>{link.text}</a>
        </p>
      ) : null}
    </main>,
  )
  return `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${title.replace(/[&<>"]/g, '')}</title></head><body>${body}</body></html>`
}

const html = (body: string, status = 200, headers: HeadersInit = {}) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...NO_STORE, ...headers } })

/**
 * requirePlanAccess for export URLs, which are opened directly rather than inside the app: no read
 * access answers a 404 page (the plan's existence does not leak); sign-in redirects pass through.
 */
export async function requirePlanExport(request: Request, planId: string | undefined) {
  try {
    return await requirePlanAccess(request, planId, 'plan:read')
  } catch (error) {
    if (!isDataWithInit(error)) throw error
    const status = error.init?.status ?? 404
    const lang = await getLocale(request)
    const t = await getFixedT(lang, 'exports')
    const message = status === 403 ? t('exports:errors.forbidden') : t('exports:errors.notFound')
    throw html(messagePage(lang, message, []), status)
  }
}

/** A version number from the URL, or null when it is not one. */
export function parseVersion(value: string | undefined): number | null {
  return value && /^\d{1,6}$/.test(value) ? Number(value) : null
}

const notFound = async (request: Request) => {
  const lang = await getLocale(request)
  const t = await getFixedT(lang, 'exports')
  return html(messagePage(lang, t('exports:errors.notFound'), []), 404)
}

/** The print page of a plan (or of one of its approved versions). */
export async function printPage(
  request: Request,
  planId: string,
  user: { locale: string | null },
  version?: number,
  nonce?: string,
): Promise<Response> {
  const doc = await buildPlanDocument(getDb(), planId, version === undefined ? {} : { version })
  if (!doc) return notFound(request)
  const base = version === undefined ? `/plans/${planId}` : `/plans/${planId}/versions/${version}`
  const page = await renderPrintHtml(doc, {
    toolbar: {
      lang: await getLocale(request, user.locale),
      backHref: version === undefined ? `/plans/${planId}` : base,
      pdfHref: `${base}/export.pdf`,
      docxHref: `${base}/export.docx`,
      pdfAvailable: isPdfAvailable(),
    },
    nonce,
  })
  return html(page)
}

/** A file name from the plan title: letters, digits and dashes, never empty. */
function fileName(title: string, version: number | undefined): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
  return `${slug || 'plan'}${version === undefined ? '' : `-v${version}`}.pdf`
}

/** The plan as a tagged PDF; a 503 page (never a 500) when the server cannot print it now. */
export async function pdfDownload(
  request: Request,
  planId: string,
  user: { id: string; locale: string | null },
  version?: number,
): Promise<Response> {
  const doc = await buildPlanDocument(getDb(), planId, version === undefined ? {} : { version })
  if (!doc) return notFound(request)
  try {
    const pdf = await htmlToPdf(await renderPrintHtml(doc), { owner: user.id })
    return new Response(pdf, {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${fileName(doc.title, version)}"`,
        'Content-Length': String(pdf.byteLength),
        ...NO_STORE,
      },
    })
  } catch (error) {
    const reason =
      error instanceof ChromiumMissingError
        ? 'noChromium'
        : error instanceof KeyBusyError
          ? 'yoursBusy'
          : error instanceof QueueFullError || error instanceof QueueTimeoutError
            ? 'busy'
            : error instanceof PdfTimeoutError
              ? 'timeout'
              : null
    if (!reason) {
      // A Chromium that crashed or failed to start is still "cannot print now" for the reader.
      console.warn('PDF export failed:', error instanceof Error ? error.message : error)
    }
    const lang = await getLocale(request, user.locale)
    const t = await getFixedT(lang, 'exports')
    const printHref = version === undefined ? `/plans/${planId}/print` : `/plans/${planId}/versions/${version}/print`
    const page = messagePage(
      lang,
      t('exports:pdf.unavailableTitle'),
      [t(`exports:pdf.${reason ?? 'timeout'}`), t('exports:pdf.usePrint')],
      { href: printHref, text: t('exports:pdf.openPrint') },
    )
    // One user's own exports in progress: 429 (that user slows down); the server as a whole busy: 503.
    if (reason === 'yoursBusy') return html(page, 429, { 'Retry-After': '30' })
    return html(page, 503, reason === 'busy' ? { 'Retry-After': '60' } : {})
  }
}
