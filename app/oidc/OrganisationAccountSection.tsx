import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../utils/locales.ts'

interface Props {
  account: {
    name: string | null
    link: { email: string; createdAt: Date | string; lastUsedAt: Date | string } | null
    required: boolean
  }
}

/** The account page's part about the organisation account: the link, and unlinking it where allowed. */
export function OrganisationAccountSection({ account }: Props) {
  const { t, i18n } = useTranslation('oidc')
  const name = account.name ?? t('defaultName')
  return (
    <section className="card" aria-labelledby="organisation-account-heading">
      <h2 id="organisation-account-heading">{t('account.heading')}</h2>
      {account.link ? (
        <>
          <p>
            {t('account.linked', {
              email: account.link.email,
              name,
              since: formatDateTime(account.link.createdAt, i18n.language),
            })}{' '}
            {t('account.lastUsed', { when: formatDateTime(account.link.lastUsedAt, i18n.language) })}
          </p>
          {account.required ? null : (
            <Form method="post" action="/account/organisation-account">
              <button type="submit" className="button button--danger">
                {t('account.unlink')}
              </button>
            </Form>
          )}
        </>
      ) : (
        <p>{t('account.notLinked', { name })}</p>
      )}
      {account.required ? <p className="field__hint">{t('account.required', { name })}</p> : null}
    </section>
  )
}
