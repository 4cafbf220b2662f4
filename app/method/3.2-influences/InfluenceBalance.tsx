import { useTranslation } from 'react-i18next'
import { type LinkOption, type WorksheetItemView } from '../../worksheets/types.ts'
import { type PanelProps } from '../define-panels.ts'
import { type influences } from './substep.server.ts'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'

/** 3.2: drivers and constraints side by side, each with its strength, directness, nodes and causes. */
export function InfluenceBalancePanel({ worksheet }: PanelProps<typeof influences>) {
  const { t } = useTranslation('worksheets')
  const influences = worksheet.items.influence ?? []
  if (influences.length === 0) return null
  return (
    <section className="card influence-balance" aria-labelledby="influence-balance-heading">
      <h3 id="influence-balance-heading">{t('influences.balance')}</h3>
      <div className="influence-balance__columns">
        {(['driver', 'constraint'] as const).map((polarity) => {
          const list = influences.filter((i) => i.data.polarity === polarity)
          const total = list.reduce((sum, i) => sum + (typeof i.data.strength === 'number' ? i.data.strength : 0), 0)
          return (
            <section
              key={polarity}
              className={`influence-column influence-column--${polarity}`}
              aria-labelledby={`influence-${polarity}-heading`}
            >
              <h4 id={`influence-${polarity}-heading`}>
                <span aria-hidden="true">{polarity === 'driver' ? '+' : '−'}</span> {t(`influences.${polarity}s`)}{' '}
                <span className="cell-sub">{t('influences.totalStrength', { count: list.length, total })}</span>
              </h4>
              {list.length === 0 ? (
                <p className="empty-state">{t(`influences.no_${polarity}`)}</p>
              ) : (
                <ul className="influence-cards">
                  {list.map((i) => (
                    <InfluenceCard key={i.id} item={i} options={worksheet.options} />
                  ))}
                </ul>
              )}
            </section>
          )
        })}
      </div>
    </section>
  )
}

function InfluenceCard({ item, options }: { item: WorksheetItemView; options: Record<string, LinkOption[]> }) {
  const { t } = useTranslation('worksheets')
  const strength = typeof item.data.strength === 'number' ? item.data.strength : 0
  const refs = (kind: string, value: unknown) => {
    const byId = new Map((options[kind] ?? []).map((o) => [o.id, o]))
    return (Array.isArray(value) ? value : []).flatMap((id) => {
      const o = byId.get(String(id))
      return o ? [o] : []
    })
  }
  const nodes = refs('node', item.data.nodes)
  const causes = refs('cause', item.data.causes)
  return (
    <li className="influence-card">
      <p className="influence-card__title">
        <RecordName code={item.ref} words={String(item.data.description ?? '')} />
      </p>
      <p className="influence-card__meta">
        <span className="chip">{t(`options.directness.${String(item.data.directness)}`)}</span>
        <span className="strength" title={t('influences.strength', { value: strength })}>
          <span aria-hidden="true">{'●'.repeat(strength) + '○'.repeat(Math.max(0, 3 - strength))}</span>
          <span className="visually-hidden">{t('influences.strength', { value: strength })}</span>
        </span>
      </p>
      <p className="influence-card__links">
        {t('influences.actsOn')}{' '}
        {nodes.length ? (
          nodes.map((o, n) => (
            <span key={o.id}>
              {n > 0 ? '; ' : ''}
              <RecordName code={o.ref} words={o.label} />
            </span>
          ))
        ) : (
          <span className="muted">{t('influences.noNode')}</span>
        )}
        {causes.length ? (
          <>
            {' · '}
            {t('influences.causes')}{' '}
            {causes.map((o, n) => (
              <span key={o.id}>
                {n > 0 ? '; ' : ''}
                <RecordName code={o.ref} words={o.label} />
              </span>
            ))}
          </>
        ) : null}
      </p>
    </li>
  )
}
