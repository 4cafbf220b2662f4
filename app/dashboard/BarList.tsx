import { useTranslation } from 'react-i18next'
import { formatNumber } from '../utils/locales.ts'

/** A horizontal bar chart that is also a readable list (label, bar, number). */
export function BarList({ title, items }: { title: string; items: { label: string; value: number }[] }) {
  const { i18n } = useTranslation()
  const max = Math.max(1, ...items.map((i) => i.value))
  return (
    <section className="card bar-list">
      <h2>{title}</h2>
      <ul>
        {items.map((i) => (
          <li key={i.label}>
            <span className="bar-list__label">{i.label}</span>
            <span className="bar-list__bar" aria-hidden="true">
              <span style={{ width: `${(i.value / max) * 100}%` }} />
            </span>
            <span className="bar-list__value">{formatNumber(i.value, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
