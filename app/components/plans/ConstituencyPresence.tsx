import { useTranslation } from 'react-i18next'
import { TRIPARTITE } from '#core/vocabulary.ts'
import { missingForTripartite } from '#core/constituencies.ts'

/** Which of the three constituencies are on the team, with a warning when one is missing. */
export function ConstituencyPresence({ present }: { present: string[] }) {
  const { t } = useTranslation()
  const missing = missingForTripartite(present)
  return (
    <div className="constituencies">
      <ul className="constituencies__list" aria-label={t('team.constituencies')}>
        {TRIPARTITE.map((c) => {
          const here = present.includes(c)
          return (
            <li key={c} className={here ? 'chip chip--ok' : 'chip chip--missing'}>
              <span aria-hidden="true">{here ? '✓' : '–'}</span> {t(`constituency.${c}`)}
              <span className="visually-hidden">
                {', '}
                {here ? t('team.present') : t('team.absent')}
              </span>
            </li>
          )
        })}
      </ul>
      {missing.length > 0 ? (
        <p className="alert alert--warning" role="status">
          {t('team.notTripartite', { missing: missing.map((c) => t(`constituency.${c}`)).join(', ') })}
        </p>
      ) : (
        <p className="alert alert--success">{t('team.tripartite')}</p>
      )}
    </div>
  )
}
