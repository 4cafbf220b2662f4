import { type LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { requireGlobalPermission } from '../utils/admin.server.ts'

export const handle = { i18n: ['common', 'oidc'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireGlobalPermission(request, 'admin:users')
  return null
}

export default function AdminLayout() {
  const { t } = useTranslation()
  return (
    <div className="page">
      <h1>{t('admin.title')}</h1>
      <nav className="tabs" aria-label={t('admin.title')}>
        <NavLink to="/admin/users">{t('admin.users')}</NavLink>
        <NavLink to="/admin/organisations">{t('admin.organisations')}</NavLink>
        <NavLink to="/admin/sign-in">{t('oidc:admin.tab')}</NavLink>
      </nav>
      <Outlet />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
