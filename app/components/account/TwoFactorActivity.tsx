import { useTranslation } from 'react-i18next'
import { displayAddress } from '../../utils/ip-address.ts'
import { formatDateTime } from '../../utils/locales.ts'

/** The person's recent security events (ADR 064): what changed on their second factor, when, from where. */
export function TwoFactorActivity({
  events,
}: {
  events: { id: number; kind: string; ip: string | null; created_at: Date | string }[]
}) {
  const { t, i18n } = useTranslation()
  if (events.length === 0) return null
  return (
    <section className="card" aria-labelledby="security-activity-heading">
      <h2 id="security-activity-heading">{t('twoFactor.activity')}</h2>
      <ul className="session-list">
        {events.map((e) => (
          <li key={e.id}>
            <div>
              <strong>{t(`twoFactor.events.${e.kind}`)}</strong>
              <span className="cell-sub">
                {formatDateTime(e.created_at, i18n.language)}
                {e.ip ? ` · ${displayAddress(e.ip)}` : ''}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
