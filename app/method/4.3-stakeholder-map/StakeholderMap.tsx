import { useTranslation } from 'react-i18next'
import { type WorksheetItemView } from '../../worksheets/types.ts'
import { targetMapModel } from '../../worksheets/ui/TargetMap.tsx'
import { TargetMapSvg, type TargetMapOverlayItem } from '../../worksheets/ui/TargetMapSvg.tsx'
import { type PanelProps } from '../define-panels.ts'
import { type stakeholderMap } from './substep.server.ts'

/** 4.3: the stakeholders attached to the nodes of the target map, with the influences they can move. */
export function StakeholderMapPanel({ worksheet, extra }: PanelProps<typeof stakeholderMap>) {
  const { t } = useTranslation('worksheets')
  const links = worksheet.items.stakeholder_link ?? []
  if (links.length === 0) return null
  const nodes = worksheet.items.node ?? []
  const byId = new Map(
    [...(worksheet.items.stakeholder ?? []), ...nodes, ...(worksheet.items.influence ?? [])].map((i) => [i.id, i]),
  )
  const groups: { node: WorksheetItemView | null; links: WorksheetItemView[] }[] = [
    ...nodes.map((n) => ({ node: n, links: links.filter((l) => l.data.node === n.id) })),
    { node: null, links: links.filter((l) => typeof l.data.node !== 'string' || !byId.has(l.data.node)) },
  ].filter((g) => g.links.length > 0)
  const model = targetMapModel(nodes, worksheet.items.relation ?? [], extra.autoPositions)
  // One chip per link under its node: the stakeholder and the influences it can move.
  const overlays: TargetMapOverlayItem[] = links.flatMap((l) => {
    const s = typeof l.data.stakeholder === 'string' ? byId.get(l.data.stakeholder) : undefined
    if (typeof l.data.node !== 'string' || !byId.has(l.data.node) || !s) return []
    const levers = (Array.isArray(l.data.influences) ? l.data.influences : []).flatMap((id) => {
      const f = byId.get(String(id))
      return f ? [`${f.ref}${f.data.polarity === 'driver' ? '+' : '−'}`] : []
    })
    return [
      {
        id: l.id,
        nodeId: l.data.node,
        label: `${s.ref} ${shorten(String(s.data.name ?? ''), levers.length ? 14 : 26)}${levers.length ? ` → ${levers.join(' ')}` : ''}`,
        className: 'overlay--stakeholder',
      },
    ]
  })
  return (
    <section className="card stakeholder-map" aria-labelledby="stakeholder-map-heading">
      <h3 id="stakeholder-map-heading">{t('stakeholderMap.title')}</h3>
      <p className="field__hint">{t('stakeholderMap.hint')}</p>
      {model.nodes.length > 0 ? (
        <figure className="stakeholder-map__figure">
          <div className="target-map__canvas">
            <TargetMapSvg
              nodes={model.nodes}
              relations={model.relations}
              positions={model.positions}
              labelledBy="stakeholder-map-caption"
              overlays={overlays}
            />
          </div>
          <figcaption id="stakeholder-map-caption" className="field__hint">
            {t('stakeholderMap.caption')}
          </figcaption>
        </figure>
      ) : null}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('kinds.stakeholder_link.fields.stakeholder')}</th>
              <th scope="col">{t('kinds.stakeholder_link.fields.influences')}</th>
              <th scope="col">{t('kinds.stakeholder_link.fields.mechanism')}</th>
              <th scope="col" className="num">
                {t('kinds.stakeholder_link.fields.leverage')}
              </th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.node?.id ?? 'none'}>
              <tr className="stakeholder-map__node">
                <th scope="colgroup" colSpan={4}>
                  {g.node ? (
                    <>
                      {g.node.ref} {String(g.node.data.label ?? '')}
                      {g.node.data.isPivot ? (
                        <span className="chip chip--pivot">{t('stakeholderMap.pivot')}</span>
                      ) : null}
                    </>
                  ) : (
                    t('stakeholderMap.noNode')
                  )}
                </th>
              </tr>
              {g.links.map((l) => {
                const s = typeof l.data.stakeholder === 'string' ? byId.get(l.data.stakeholder) : undefined
                const influences = (Array.isArray(l.data.influences) ? l.data.influences : []).flatMap((id) => {
                  const f = byId.get(String(id))
                  return f ? [f] : []
                })
                return (
                  <tr key={l.id}>
                    <th scope="row">{s ? `${s.ref} ${String(s.data.name ?? '')}` : '?'}</th>
                    <td>
                      {influences.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        influences.map((f, i) => (
                          <span key={f.id}>
                            {i > 0 ? ', ' : ''}
                            <abbr
                              title={`${t(`options.polarity.${String(f.data.polarity)}`)}: ${String(f.data.description ?? '')}`}
                            >
                              {f.ref} ({f.data.polarity === 'driver' ? '+' : '−'})
                            </abbr>
                          </span>
                        ))
                      )}
                    </td>
                    <td className="prewrap">{String(l.data.mechanism ?? '')}</td>
                    <td className="num">{typeof l.data.leverage === 'number' ? l.data.leverage : '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  )
}

function shorten(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}
