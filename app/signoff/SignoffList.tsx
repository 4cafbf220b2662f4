import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../utils/locales.ts'
import { type SignoffEntry } from './entries.ts'

/**
 * Each constituency of the team with its sign-off on one sub-step (who, when, a reservation's
 * reason, a stale mark): the live sub-step panel and an approved version's frozen agreement.
 */
export function SignoffList({ entries, label }: { entries: SignoffEntry[]; label: string }) {
  const { t, i18n } = useTranslation()
  const when = (iso: string) => formatDateTime(iso, i18n.language)
  return (
    <ul className="signoff__list" aria-label={label}>
      {entries.map(({ constituency: c, signoff: s }) => (
        <li key={c} data-constituency={c} data-state={s?.decision ?? 'none'} data-stale={s?.staleAt ? '' : undefined}>
          <strong>{t(`constituency.${c}`)}</strong>
          {': '}
          {s
            ? t(s.decision === 'agree' ? 'signoff.agreedBy' : 'signoff.reservedBy', {
                name: s.name ?? t('activity.someone'),
                organisation: s.organisation ?? '—',
                when: when(s.signedAt),
              })
            : t('signoff.awaiting')}
          {s?.reason ? <q className="cell-sub">{s.reason}</q> : null}
          {s?.staleAt ? (
            <span className="cell-sub signoff__stale">{t('signoff.staleSince', { when: when(s.staleAt) })}</span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
