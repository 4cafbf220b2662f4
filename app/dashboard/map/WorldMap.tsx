import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { MAP_MODES, type MapMode, ON_TRACK_CLASSES, PLAN_CLASSES, type WorldMapView } from './world-map.ts'

/**
 * The world map of plans, drawn on the server as SVG. Each country with plans is a link (Tab
 * reaches them in the order of their names) to the table filtered to it; its accessible name says
 * the figures, the legend gives each colour's range, and the "By country" table below says the
 * same in rows.
 */
export function WorldMap({
  view,
  countryHref,
  modeHref,
}: {
  view: WorldMapView
  countryHref: (code: string) => string
  modeHref: (mode: MapMode) => string
}) {
  const { t, i18n } = useTranslation()
  const pct = (v: number) => formatNumber(v, i18n.language, { style: 'percent', maximumFractionDigits: 0 })
  const label = (c: { name: string; plans: number; onTrack: number; indicators: number }) =>
    c.indicators > 0
      ? t('dashboard.map.countryLabel', {
          name: c.name,
          plans: t('dashboard.map.planCount', { count: c.plans }),
          onTrack: c.onTrack,
          count: c.indicators,
        })
      : t('dashboard.map.countryLabelNoIndicators', {
          name: c.name,
          plans: t('dashboard.map.planCount', { count: c.plans }),
        })
  const legend =
    view.mode === 'plans'
      ? PLAN_CLASSES.map((c, i) => {
          const next = PLAN_CLASSES[i + 1]?.min
          return next === undefined
            ? t('dashboard.map.plansOrMore', { count: c.min })
            : next - 1 === c.min
              ? t('dashboard.map.planCount', { count: c.min })
              : t('dashboard.map.plansRange', { from: c.min, to: next - 1 })
        })
      : ON_TRACK_CLASSES.map((c, i) => {
          const next = ON_TRACK_CLASSES[i + 1]?.min
          return next === undefined
            ? t('dashboard.map.shareOrMore', { share: pct(c.min) })
            : t('dashboard.map.shareBelow', { from: pct(c.min), to: pct(next) })
        })
  return (
    <section className={`card world-map world-map--${view.mode}`} aria-labelledby="map-heading">
      <h2 id="map-heading">{t('dashboard.map.title')}</h2>
      <nav className="world-map__modes" aria-label={t('dashboard.map.colourBy')}>
        <span>{t('dashboard.map.colourBy')}</span>
        {MAP_MODES.map((mode) => (
          <Link
            key={mode}
            to={modeHref(mode)}
            preventScrollReset
            className={mode === view.mode ? 'button button--small button--primary' : 'button button--small'}
            aria-current={mode === view.mode ? 'true' : undefined}
          >
            {t(`dashboard.map.mode.${mode}`)}
          </Link>
        ))}
      </nav>
      <svg
        className="world-map__svg"
        viewBox={`0 0 ${view.width} ${view.height}`}
        role="group"
        aria-labelledby="map-heading"
        aria-describedby="map-hint"
      >
        <defs>
          <pattern id="map-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="4" height="4" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="4" stroke="#4a5460" strokeWidth="1.5" />
          </pattern>
        </defs>
        <image href={view.landHref} width={view.width} height={view.height} aria-hidden="true" />
        {view.countries.map((c) => {
          const fill = c.colourClass === null ? 'world-map__none' : `world-map__c${c.colourClass}`
          return (
            <a key={c.code} href={countryHref(c.code)} aria-label={label(c)} className="world-map__country">
              <title>{label(c)}</title>
              {'d' in c.shape ? (
                <path d={c.shape.d} className={fill} />
              ) : (
                <circle cx={c.shape.point[0]} cy={c.shape.point[1]} r={7} className={fill} />
              )}
            </a>
          )
        })}
      </svg>
      <p id="map-hint" className="field__hint">
        {t('dashboard.map.hint')}
      </p>
      <ul className="world-map__legend" aria-label={t('dashboard.map.legend')}>
        {legend.map((text, i) => (
          <li key={text}>
            <Swatch className={`world-map__c${i}`} />
            {text}
          </li>
        ))}
        {view.mode === 'onTrack' ? (
          <li>
            <Swatch className="world-map__none" />
            {t('dashboard.map.noIndicators')}
          </li>
        ) : null}
        <li>
          <Swatch className="world-map__empty" />
          {t('dashboard.map.noPlans')}
        </li>
      </ul>
      {view.offMap.length ? (
        <p>
          {t('dashboard.map.offMap')}{' '}
          {view.offMap.map((c, i) => (
            <span key={c.code}>
              {i > 0 ? ', ' : ''}
              <Link to={countryHref(c.code)}>
                {c.name} ({t('dashboard.map.planCount', { count: c.plans })})
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  )
}

/** A legend's sample of a map colour (the words beside it say what it means). */
function Swatch({ className }: { className: string }) {
  return (
    <svg width="18" height="14" aria-hidden="true">
      <rect width="18" height="14" className={className} />
    </svg>
  )
}
