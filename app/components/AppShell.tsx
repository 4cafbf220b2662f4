import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canGlobally, type GlobalRole } from '#core/permissions.ts'
import { LanguageSwitcher } from './LanguageSwitcher.tsx'
import { NotificationBell } from './NotificationBell.tsx'
import { useDisclosure } from './useDisclosure.ts'
import { useHydrated } from './useHydrated.ts'
import { useScrollBoxes } from './useScrollBoxes.ts'

export interface ShellUser {
  id: string
  name: string
  globalRole: GlobalRole
  organisation: string
  /** Unread notifications when the page was loaded; the bell keeps it live from there. */
  unreadNotifications: number
}

export function AppShell({
  user,
  locale,
  children,
}: {
  user: ShellUser | null
  locale: string
  children: React.ReactNode
}) {
  const { t } = useTranslation()
  const location = useLocation()
  const actor = user ? { id: user.id, globalRole: user.globalRole } : null
  // On a phone the navigation and tools fold behind a menu button once scripts run (header.css
  // media query); without scripts they stay open and wrap, as on a wide screen.
  const hydrated = useHydrated()
  const menu = useDisclosure<HTMLButtonElement>()
  useScrollBoxes()
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header
        className="site-header"
        data-foldable={hydrated ? '' : undefined}
        data-open={menu.open ? '' : undefined}
        onKeyDown={menu.onKeyDown}
      >
        <div className="site-header__inner">
          <Link to={user ? '/plans' : '/login'} className="brand">
            <span className="brand__mark" aria-hidden="true">
              SCP
            </span>
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          {/* Outside the menu, so that a phone shows the count without opening it (ADR 061). */}
          {user ? <NotificationBell userId={user.id} unread={user.unreadNotifications} /> : null}
          <button
            type="button"
            ref={menu.button}
            className="site-header__toggle"
            aria-expanded={menu.open}
            aria-controls="site-menu"
            onClick={menu.toggle}
          >
            <span aria-hidden="true" className="site-header__toggle-icon" />
            {t('nav.menu')}
          </button>
          <div id="site-menu" className="site-header__menu">
            {user ? (
              <nav aria-label={t('nav.main')} className="main-nav">
                <NavLink to="/plans">{t('nav.plans')}</NavLink>
                {actor && canGlobally(actor, 'dashboard:read') ? (
                  <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>
                ) : null}
                <NavLink to="/statistics">{t('nav.statistics')}</NavLink>
                {actor && canGlobally(actor, 'admin:users') ? (
                  <NavLink to="/admin/users">{t('nav.admin')}</NavLink>
                ) : null}
              </nav>
            ) : null}
            <div className="site-header__tools">
              {/* For everyone, signed in or not: the guides are public (ADR 057). */}
              <NavLink to="/guide" className="site-header__guide">
                {t('nav.guide')}
              </NavLink>
              <LanguageSwitcher locale={locale} redirectTo={`${location.pathname}${location.search}`} />
              {user ? (
                <div className="user-menu">
                  <Link to="/account" className="user-menu__name">
                    {user.name}
                    <span className="user-menu__org">{user.organisation}</span>
                  </Link>
                  <Form method="post" action="/logout">
                    <button type="submit" className="button button--quiet">
                      {t('nav.signOut')}
                    </button>
                  </Form>
                </div>
              ) : null}
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  )
}
