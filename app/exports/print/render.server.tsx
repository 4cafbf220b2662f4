// The print view as one self-contained HTML page (styles inlined, no scripts needed to read it):
// served as /plans/:id/print and handed to headless Chromium for the PDF, so both show the same.
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import monitoringCss from '../../styles/monitoring.css?raw'
import tokensCss from '../../styles/tokens.css?raw'
import worksheetCss from '../../styles/worksheets.css?raw'
import { createServerInstance } from '../../i18n/i18next.server.ts'
import { type PlanDocument } from '../types.ts'
import printCss from './print.css?raw'
import { PrintDocument } from './PrintDocument.tsx'
import { PrintToolbar, type ToolbarProps } from './PrintToolbar.tsx'

const NAMESPACES = ['common', 'worksheets', 'exports']

/** A CSS string literal that cannot end the string or the style element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"\n\r<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`
}

/** The running footer: the plan title on the left, the page number on the right (CSS page margin boxes). */
function footerCss(doc: PlanDocument, pageLabel: string): string {
  const title = doc.title.length > 90 ? `${doc.title.slice(0, 89)}…` : doc.title
  return `@page { @bottom-left { content: ${cssString(title)}; font: 8pt sans-serif; color: #4a5460; } @bottom-right { content: ${cssString(pageLabel)} " " counter(page) " / " counter(pages); font: 8pt sans-serif; color: #4a5460; } }`
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The complete page. `toolbar` (links back to the plan and to the other formats, in the reader's
 * language) is left out for the PDF; everything else is in the plan's working language.
 */
export async function renderPrintHtml(
  doc: PlanDocument,
  options: { toolbar?: ToolbarProps; nonce?: string } = {},
): Promise<string> {
  const i18n = await createServerInstance(doc.lang, NAMESPACES)
  const t = i18n.getFixedT(doc.lang, 'exports')
  const body = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PrintDocument doc={doc} />
    </I18nextProvider>,
  )
  const toolbar = options.toolbar ? await renderToolbar(options.toolbar, options.nonce) : ''
  const title = doc.version ? `${doc.title} (${t('exports:print.versionN', { n: doc.version })})` : doc.title
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // An empty inline icon: otherwise the browser asks for /favicon.ico, which only logs a 404.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(doc.subtitle)}">`,
    `<style>${tokensCss}\n${worksheetCss}\n${monitoringCss}\n${printCss}\n${footerCss(doc, t('exports:print.page'))}</style>`,
    '</head>',
    '<body>',
    toolbar,
    `<main id="main">${body}</main>`,
    '</body>',
    '</html>',
  ].join('\n')
}

async function renderToolbar(props: ToolbarProps, nonce: string | undefined): Promise<string> {
  const i18n = await createServerInstance(props.lang, NAMESPACES)
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PrintToolbar {...props} />
    </I18nextProvider>,
  )
  // The one script: the Print button. Without it the browser's own Print command does the same.
  // It carries the response's CSP nonce (ADR 032); without one the policy would block it.
  const nonceAttribute = nonce ? ` nonce="${escapeHtml(nonce)}"` : ''
  return `${html}<script${nonceAttribute}>document.getElementById('print-button').addEventListener('click', function () { window.print() })</script>`
}
