import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { AppShell } from './components/AppShell.tsx'
import { GeneralErrorBoundary } from './components/ErrorBoundary.tsx'
import { getLocale } from './i18n/i18next.server.ts'
import styles from './styles/app.css?url'
import phoneStyles from './styles/phone.css?url'
import { useNonce } from './utils/nonce.tsx'
import { ENROLMENT_PATH, getSessionUser, requireUser } from './utils/session.server.ts'
import { getDb } from './utils/db.server.ts'
import * as NotificationRepository from '#db/repositories/notifications.ts'
import { skipRevalidationOnFailure } from './utils/save-failure.ts'

// An inline icon: browsers stop asking for /favicon.ico, which would otherwise log a 404 each visit.
const icon = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3f6e"/><path d="M8 11h16M8 16h16M8 21h10" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>')}`

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  // After app.css: its narrow-screen rules override the wide layout they share selectors with.
  { rel: 'stylesheet', href: phoneStyles },
  { rel: 'icon', type: 'image/svg+xml', href: icon },
]

export const handle = { i18n: 'common' }

// After a save that failed (offline, server error) there is nothing new to load (ADR 038).
export const shouldRevalidate = skipRevalidationOnFailure

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  // Someone who must turn two-factor on uses nothing else first, public pages included (ADR 064).
  if (user?.mustEnrol && new URL(request.url).pathname !== ENROLMENT_PATH) await requireUser(request)
  // The bell's count is right in the page's HTML, without scripts; the bell's stream keeps it live.
  const [locale, unreadNotifications] = await Promise.all([
    getLocale(request, user?.locale),
    user ? NotificationRepository.countUnread(getDb(), user.id) : 0,
  ])
  return {
    locale,
    user: user
      ? {
          id: user.id,
          name: user.name,
          globalRole: user.global_role,
          organisation: user.organisation_acronym ?? user.organisation_name,
          constituency: user.constituency,
          unreadNotifications,
        }
      : null,
  }
}

export type RootData = Awaited<ReturnType<typeof loader>>

export const meta: MetaFunction = () => [{ title: 'SCP Portal' }]

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>('root')
  const locale = data?.locale ?? 'en'
  const nonce = useNonce()
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { locale, user } = useLoaderData<typeof loader>()
  useChangeLanguage(locale)
  return (
    <AppShell user={user} locale={locale}>
      <Outlet />
    </AppShell>
  )
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<RootData>('root')
  const { t } = useTranslation()
  return (
    <AppShell user={data?.user ?? null} locale={data?.locale ?? 'en'}>
      <title>{t('errors.title')}</title>
      <GeneralErrorBoundary />
    </AppShell>
  )
}
