import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthCard } from '../components/AuthCard.tsx'

/** Why signing in with the organisation's account did not work, and the way back to the sign-in page. */
export function SignInProblem({ reason }: { reason: string }) {
  const { t } = useTranslation('oidc')
  return (
    <AuthCard id="oidc-problem" title={t('problemTitle')}>
      <p className="alert alert--error" role="alert">
        {t(`refused.${reason}`)}
      </p>
      <p>
        <Link to="/login">{t('backToSignIn')}</Link>
      </p>
    </AuthCard>
  )
}
