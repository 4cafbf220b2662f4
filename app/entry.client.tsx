import { RemixBrowser } from '@remix-run/react'
import i18next, { type BackendModule } from 'i18next'
import { startTransition, StrictMode, useLayoutEffect } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { getInitialNamespaces } from 'remix-i18next/client'
import { i18nConfig, lazyLocaleFiles, localeFileKey } from './i18n/config.ts'
import { holdEventsUntilHydrated } from './utils/hydration-guard.ts'

// Translations arrive as lazily loaded chunks, one per language and namespace, so a slow
// connection downloads only what the page shows.
const lazyBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, ns, callback) {
    const load = lazyLocaleFiles[localeFileKey(lng, ns)]
    if (!load) return callback(null, {})
    load().then(
      (m) => callback(null, m.default),
      (error: Error) => callback(error, null),
    )
  },
}

/** Renders nothing; its layout effect runs once the whole document has hydrated and committed. */
function OnHydrated({ run }: { run: () => void }) {
  useLayoutEffect(run, [run])
  return null
}

async function hydrate() {
  await i18next
    .use(initReactI18next)
    .use(lazyBackend)
    .init({ ...i18nConfig, lng: document.documentElement.lang, ns: getInitialNamespaces() })

  const release = holdEventsUntilHydrated(window)
  // Marked on the document once hydrated: from then on forms post through Remix (tests wait for it).
  const hydrated = () => {
    release()
    document.documentElement.dataset.hydrated = ''
  }
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
          <OnHydrated run={hydrated} />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

void hydrate()
