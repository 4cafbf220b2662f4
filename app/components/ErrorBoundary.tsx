import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The one error page: known statuses get a plain explanation, anything else a generic message. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  // A write the plan's status refuses says why (lifecycle.locked.<status>, see plan-access.server.ts).
  const lockMessage = isRouteErrorResponse(error) && status === 409 ? lockedReason(error.data) : null
  if (lockMessage) {
    return (
      <section className="error-page" aria-labelledby="error-heading">
        <p className="error-page__status">{status}</p>
        <h1 id="error-heading">{t('errors.locked.title')}</h1>
        <p>{t(lockMessage)}</p>
      </section>
    )
  }
  const key = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 400 ? 'badRequest' : 'unexpected'
  if (status >= 500 && typeof document !== 'undefined') console.error(error)
  return (
    <section className="error-page" aria-labelledby="error-heading">
      <p className="error-page__status">{status}</p>
      <h1 id="error-heading">{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <Link to="/plans">{t('errors.backToPlans')}</Link>
      </p>
    </section>
  )
}

function lockedReason(data: unknown): string | null {
  const message = data && typeof data === 'object' && 'message' in data ? data.message : null
  return typeof message === 'string' && message.startsWith('lifecycle.locked.') ? message : null
}
