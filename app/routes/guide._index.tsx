import { type MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '../components/ErrorBoundary.tsx'
import { GUIDE_ROLES } from '../guide/roles.ts'

// Public, like the sign-in page: the guides explain the method and hold no plan data (ADR 057).
export const handle = { i18n: ['common', 'guide'] }

export const meta: MetaFunction = () => [{ title: 'Getting started · SCP Portal' }]

export default function GuideIndex() {
  const { t } = useTranslation('guide')
  return (
    <div className="guide">
      <h1>{t('title')}</h1>
      <p className="guide__lead">{t('intro')}</p>
      <h2>{t('chooseRole')}</h2>
      <ul className="guide__roles">
        {GUIDE_ROLES.map((role) => (
          <li key={role} className="card">
            <h3>
              <Link to={`/guide/${role}`}>{t(`roles.${role}.name`)}</Link>
            </h3>
            <p>{t(`roles.${role}.summary`)}</p>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
