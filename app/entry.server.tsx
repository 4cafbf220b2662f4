import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createServerInstance } from './i18n/i18next.server.ts'
import { isLocale, DEFAULT_LOCALE } from '#core/vocabulary.ts'
import { NonceProvider } from './utils/nonce.tsx'

const ABORT_DELAY = 10_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Every inline script of the document carries this response's nonce (ADR 032).
  const nonce = loadContext.cspNonce
  const rootData = remixContext.staticHandlerContext.loaderData.root as { locale?: string } | undefined
  const locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE
  const namespaces = routeNamespaces(remixContext)
  const i18n = await createServerInstance(locale, namespaces)
  const callback = isbot(request.headers.get('user-agent')) ? 'onAllReady' : 'onShellReady'

  return new Promise<Response>((resolve, reject) => {
    let didError = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ''}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [callback]: () => {
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: didError ? 500 : responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError: reject,
        onError(error: unknown) {
          didError = true
          if (process.env.NODE_ENV !== 'test') console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1000)
  })
}

function routeNamespaces(context: EntryContext): string[] {
  const ns = new Set<string>(['common'])
  for (const match of context.staticHandlerContext.matches) {
    const handle = context.routeModules[match.route.id]?.handle as { i18n?: string | string[] } | undefined
    for (const n of [handle?.i18n ?? []].flat()) ns.add(n)
  }
  return [...ns]
}
