import { useTranslation } from 'react-i18next'

/**
 * The sign-in page's way to the organisation's provider: a link, so the redirect to another origin
 * that follows is a navigation the CSP's `form-action 'self'` does not govern (ADR 063).
 */
export function OrganisationSignInButton({ name, redirectTo }: { name: string | null; redirectTo: string | null }) {
  const { t } = useTranslation('oidc')
  const query = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''
  return (
    <div className="organisation-sign-in">
      <p className="organisation-sign-in__or">
        <span>{t('or')}</span>
      </p>
      <a className="button organisation-sign-in__button" href={`/auth/oidc${query}`}>
        {t('signInWith', { name: name ?? t('defaultName') })}
      </a>
    </div>
  )
}
