import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { buildPlanMap, layoutNodes, LAYERS, type Layer, type Overlay } from '../../worksheets/planMap.ts'
import { OverlaySymbol, PlanMapSvg } from '../../worksheets/ui/PlanMapSvg.tsx'
import { type PanelProps } from '../define-panels.ts'
import { type planMap } from './substep.server.ts'
import { RecordName } from '../../worksheets/ui/RecordName.tsx'
import { withCode } from '../../worksheets/recordName.ts'

/** 6.1: the target map with switchable layers of influences, stakeholders and selected interventions. */
export function PlanMapPanel({ extra: d }: PanelProps<typeof planMap>) {
  const { t } = useTranslation('worksheets')
  const [layers, setLayers] = useState<ReadonlySet<Layer>>(new Set(LAYERS))
  const model = buildPlanMap(d.items, d.selected)
  const toggle = (layer: Layer, on: boolean) =>
    setLayers((prev) => new Set(LAYERS.filter((l) => (l === layer ? on : prev.has(l)))))
  if (model.nodes.length === 0) return <p className="empty-state">{t('planMap.noNodes')}</p>
  return (
    <section className="card plan-map" aria-labelledby="plan-map-heading">
      <div className="plan-map__head">
        <h3 id="plan-map-heading">{t('planMap.title')}</h3>
        <button type="button" className="button button--small" onClick={() => window.print()}>
          {t('planMap.print')}
        </button>
      </div>
      <fieldset className="plan-map__layers">
        <legend>{t('planMap.layers')}</legend>
        {LAYERS.map((layer) => (
          <label key={layer} className="checkbox">
            <input
              type="checkbox"
              checked={layers.has(layer)}
              onChange={(e) => toggle(layer, e.currentTarget.checked)}
            />
            <span>{t(`planMap.layer.${layer}`)}</span>
          </label>
        ))}
      </fieldset>
      <Legend layers={layers} />
      <p id="plan-map-svg-title" className="visually-hidden">
        {t('planMap.pictureLabel')}
      </p>
      <div className="plan-map__canvas">
        <PlanMapSvg
          model={model}
          layers={layers}
          positions={layoutNodes(model.nodes, { auto: d.autoPositions })}
          titleId="plan-map-svg-title"
        />
      </div>
      <ListView model={model} layers={layers} />
    </section>
  )
}

function Legend({ layers }: { layers: ReadonlySet<Layer> }) {
  const { t } = useTranslation('worksheets')
  const entries: { key: string; overlay: Pick<Overlay, 'layer' | 'polarity'> }[] = [
    { key: 'driver', overlay: { layer: 'influences', polarity: 'driver' } },
    { key: 'constraint', overlay: { layer: 'influences', polarity: 'constraint' } },
    { key: 'stakeholder', overlay: { layer: 'stakeholders' } },
    { key: 'intervention', overlay: { layer: 'interventions' } },
  ]
  return (
    <ul className="plan-map__legend" aria-label={t('planMap.legend')}>
      <li>
        <svg width="36" height="18" aria-hidden="true">
          <rect x="1" y="1" width="34" height="16" rx="3" className="pm-legend-pivot" />
          <rect x="4" y="4" width="28" height="10" rx="2" className="pm-legend-pivot" />
        </svg>{' '}
        {t('planMap.legendPivot')}
      </li>
      <li>
        <svg width="36" height="18" aria-hidden="true">
          <line x1="2" y1="9" x2="28" y2="9" stroke="#3d4650" strokeWidth="2" />
          <path d="M26,4 L34,9 L26,14 z" fill="#3d4650" />
        </svg>{' '}
        {t('planMap.legendRelation')}
      </li>
      {entries
        .filter((e) => layers.has(e.overlay.layer))
        .map((e) => (
          <li key={e.key}>
            <svg width="18" height="18" aria-hidden="true">
              <OverlaySymbol overlay={e.overlay} x={9} y={9} />
            </svg>{' '}
            {t(`planMap.legendItem.${e.key}`)}
          </li>
        ))}
    </ul>
  )
}

/** The same content as the picture, as headed lists (screen readers, and anyone who prefers text). */
function ListView({ model, layers }: { model: ReturnType<typeof buildPlanMap>; layers: ReadonlySet<Layer> }) {
  const { t } = useTranslation('worksheets')
  const names = new Map(model.nodes.map((n) => [n.id, withCode(n.label, n.ref, t('untitled'))]))
  const unattached = model.unattached.filter((o) => layers.has(o.layer))
  return (
    <section className="plan-map__list" aria-labelledby="plan-map-list-heading">
      <h4 id="plan-map-list-heading">{t('planMap.listTitle')}</h4>
      <ul className="plan-map__nodes">
        {model.nodes.map((n) => {
          const overlays = n.overlays.filter((o) => layers.has(o.layer))
          return (
            <li key={n.id}>
              <strong>
                <RecordName code={n.ref} words={n.label} />
              </strong>
              {n.nodeType ? ` — ${t(`options.nodeCategory.${n.nodeType}`)}` : ''}
              {n.isPivot ? ` — ★ ${t('planMap.pivot')}` : ''}
              {overlays.length ? (
                <ul>
                  {overlays.map((o) => (
                    <OverlayLine key={o.id} overlay={o} />
                  ))}
                </ul>
              ) : null}
            </li>
          )
        })}
      </ul>
      {model.relations.length ? (
        <>
          <h5>{t('planMap.relations')}</h5>
          <ul>
            {model.relations.map((r) => (
              <li key={r.id}>
                {names.get(r.from)} → {r.label || (r.relationType ? t(`options.relationType.${r.relationType}`) : '')} →{' '}
                {names.get(r.to)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unattached.length ? (
        <>
          <h5>{t('planMap.unattached')}</h5>
          <ul>
            {unattached.map((o) => (
              <OverlayLine key={o.id} overlay={o} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

function OverlayLine({ overlay: o }: { overlay: Overlay }) {
  const { t } = useTranslation('worksheets')
  const kind =
    o.layer === 'influences'
      ? t(`planMap.legendItem.${o.polarity === 'driver' ? 'driver' : 'constraint'}`)
      : o.layer === 'stakeholders'
        ? t('planMap.legendItem.stakeholder')
        : t('planMap.legendItem.intervention')
  return (
    <li>
      <span className="plan-map__kind">{kind}:</span> <RecordName code={o.ref} words={o.label} />
    </li>
  )
}
