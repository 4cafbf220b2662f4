import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '../../components/forms.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { clamp, layoutTargetMap, type Placed } from '../targetMapLayout.ts'
import { type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'
import { type SubstepPanelProps } from './panels.tsx'
import { TargetMapSvg, type TargetMapNode, type TargetMapRelation } from './TargetMapSvg.tsx'

type PositionData = ItemActionData

const num = (v: unknown) => (typeof v === 'number' ? v : null)
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** The map's nodes and relations from the worksheet items (shared with later map layers). */
export function targetMapModel(nodeItems: WorksheetItemView[], relationItems: WorksheetItemView[]) {
  const nodes: TargetMapNode[] = nodeItems.map((n) => ({
    id: n.id,
    ref: n.ref,
    label: str(n.data.label),
    nodeType: str(n.data.nodeCategory) || null,
    isPivot: n.data.isPivot === true,
    countUnits: num(n.data.countUnits),
    countWorkers: num(n.data.countWorkers),
  }))
  const relations: TargetMapRelation[] = relationItems.map((r) => ({ id: r.id, from: str(r.data.from), to: str(r.data.to), relationType: str(r.data.relationType) || null, label: str(r.data.label), strength: num(r.data.strength) }))
  return { nodes, relations, positions: layoutTargetMap(nodeItems.map((n) => ({ id: n.id, x: n.data.x, y: n.data.y })), relations) }
}

const STEP = 10
const BIG_STEP = 50
const KEYS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }

/** 2.3: the interactive target map. Drag a node, or focus it and use the arrow keys; both save. */
export function TargetMapPanel({ worksheet, abilities }: SubstepPanelProps) {
  const { t } = useTranslation('worksheets')
  const nodeItems = worksheet.items.node ?? []
  const model = targetMapModel(nodeItems, worksheet.items.relation ?? [])
  const canEdit = abilities['worksheet:edit'] === true
  const fetcher = useFetcher<PositionData>()
  const [moved, setMoved] = useState<Record<string, Placed>>({})
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const drag = useRef<{ id: string; dx: number; dy: number; svg: SVGSVGElement; moved: boolean } | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const versions = useRef<Record<string, number>>({})
  const refOf = (id: string | undefined) => nodeItems.find((n) => n.id === id)?.ref ?? ''

  // The newest version we know of: the loader's, or the one our last save returned.
  const versionOf = (id: string) => Math.max(nodeItems.find((n) => n.id === id)?.version ?? 0, versions.current[id] ?? 0)
  // The stored position the person moved the node from: a move by someone else since is not overwritten.
  const baseOf = (id: string) => {
    const data = nodeItems.find((n) => n.id === id)?.data ?? {}
    return JSON.stringify({ x: data.x, y: data.y })
  }
  const positions = new Map(model.positions)
  for (const p of Object.values(moved)) positions.set(p.id, p)

  useEffect(() => {
    const d = fetcher.data
    if (fetcher.state !== 'idle' || !d) return
    if (d.saved) versions.current[d.saved.id] = d.saved.version
    // A refused save: forget the local position so the map shows the stored one.
    if (d.conflict) setMoved(({ [d.conflict!.id]: _dropped, ...rest }) => rest)
  }, [fetcher.state, fetcher.data])

  // Once the loader has caught up with our saves, show the stored positions again (others' moves too).
  const loaded = nodeItems.map((n) => `${n.id}:${n.version}`).join(',')
  useEffect(() => {
    setMoved((m) => {
      const keep = Object.fromEntries(Object.entries(m).filter(([id]) => drag.current?.id === id || (nodeItems.find((n) => n.id === id)?.version ?? 0) < (versions.current[id] ?? Infinity)))
      return Object.keys(keep).length === Object.keys(m).length ? m : keep
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded])

  const save = (p: Placed) => fetcher.submit({ intent: 'node:position', formId: 'node-position', id: p.id, version: String(versionOf(p.id)), base: baseOf(p.id), x: String(p.x), y: String(p.y) }, { method: 'post' })

  const toSvg = (svg: SVGSVGElement, e: { clientX: number; clientY: number }) => {
    const point = new DOMPoint(e.clientX, e.clientY).matrixTransform(svg.getScreenCTM()?.inverse())
    return { x: point.x, y: point.y }
  }
  const interaction = canEdit
    ? {
        selectedId,
        describedBy: 'target-map-keys',
        onFocus: (id: string) => setSelectedId(id),
        onPointerDown: (e: React.PointerEvent<SVGGElement>, id: string) => {
          const svg = e.currentTarget.ownerSVGElement
          const at = positions.get(id)
          if (!svg || !at || e.button !== 0) return
          e.currentTarget.setPointerCapture(e.pointerId)
          const p = toSvg(svg, e)
          drag.current = { id, dx: at.x - p.x, dy: at.y - p.y, svg, moved: false }
          setSelectedId(id)
        },
        onKeyDown: (e: React.KeyboardEvent<SVGGElement>, id: string) => {
          if (e.key === 'Escape') {
            setSelectedId(null)
            e.currentTarget.blur()
            return
          }
          const dir = KEYS[e.key]
          const at = positions.get(id)
          if (!dir || !at) return
          e.preventDefault()
          const step = e.shiftKey ? BIG_STEP : STEP
          const next = { id, x: clamp(at.x + dir[0] * step), y: clamp(at.y + dir[1] * step, 'y') }
          setMoved((m) => ({ ...m, [id]: next }))
          clearTimeout(timer.current)
          timer.current = setTimeout(() => save(next), 600)
        },
      }
    : undefined
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current
    if (!d) return
    const p = toSvg(d.svg, e)
    d.moved = true
    setMoved((m) => ({ ...m, [d.id]: { id: d.id, x: clamp(p.x + d.dx), y: clamp(p.y + d.dy, 'y') } }))
  }
  const onPointerUp = () => {
    const d = drag.current
    drag.current = null
    const p = d ? positions.get(d.id) : undefined
    if (d?.moved && p) save(p)
  }

  const result = fetcher.data
  return (
    <section className="card target-map" aria-labelledby="target-map-heading">
      <h3 id="target-map-heading">{t('targetMap.title')}</h3>
      {canEdit ? (
        <p id="target-map-keys" className="field__hint target-map__controls">
          {t('targetMap.hint')}
        </p>
      ) : null}
      <ul className="target-map__legend">
        <li>
          <span className="target-map__legend-pivot" aria-hidden="true">
            ★
          </span>{' '}
          {t('targetMap.legendPivot')}
        </li>
        <li>
          <svg width="40" height="12" aria-hidden="true">
            <line x1="2" y1="6" x2="30" y2="6" className="target-map__legend-line" />
            <path d="M30,1 L39,6 L30,11 z" className="target-map__arrowhead" />
          </svg>{' '}
          {t('targetMap.legendRelation')}
        </li>
      </ul>
      <p id="target-map-title" className="visually-hidden">
        {t('targetMap.diagram', { nodes: model.nodes.length, relations: model.relations.length })}
      </p>
      {model.nodes.length === 0 ? (
        <p className="empty-state">{t('targetMap.empty')}</p>
      ) : (
        <div className="target-map__canvas" onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp}>
          <TargetMapSvg nodes={model.nodes} relations={model.relations} positions={positions} labelledBy="target-map-title" interaction={interaction} />
        </div>
      )}
      <div role="status" className="target-map__status">
        {fetcher.state === 'idle' && result?.saved ? t('targetMap.saved', { ref: refOf(result.saved.id) }) : null}
        {fetcher.state === 'idle' && result?.conflict ? t('targetMap.conflict', { ref: refOf(result.conflict.id) }) : null}
      </div>
      {canEdit && model.nodes.length > 0 ? <MoveForm nodes={nodeItems} positions={positions} versionOf={versionOf} baseOf={baseOf} selectedId={selectedId} /> : null}
    </section>
  )
}

/** The form alternative to dragging: choose a node and type its position. */
function MoveForm({ nodes, positions, versionOf, baseOf, selectedId }: { nodes: WorksheetItemView[]; positions: Map<string, Placed>; versionOf: (id: string) => number; baseOf: (id: string) => string; selectedId: string | null }) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<PositionData>()
  const [id, setId] = useState(selectedId ?? nodes[0]!.id)
  useEffect(() => {
    if (selectedId) setId(selectedId)
  }, [selectedId])
  const at = positions.get(id)
  const errors = fetcher.data?.formId === 'node-move' && fetcher.data.result?.status === 'error' ? (fetcher.data.result.error ?? {}) : {}
  return (
    <details className="target-map__controls target-map__move">
      <summary>{t('targetMap.moveTitle')}</summary>
      <fetcher.Form method="post" className="target-map__move-form" key={`${id}-${at?.x}-${at?.y}`}>
        <input type="hidden" name="intent" value="node:position" />
        <input type="hidden" name="formId" value="node-move" />
        <input type="hidden" name="version" value={versionOf(id)} />
        <input type="hidden" name="base" value={baseOf(id)} />
        <div className="field">
          <label htmlFor="node-move-id">{t('targetMap.node')}</label>
          <select id="node-move-id" name="id" value={id} onChange={(e) => setId(e.currentTarget.value)}>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {`${n.ref} · ${String(n.data.label ?? '')}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="node-move-x">{t('targetMap.x')}</label>
          <input id="node-move-x" name="x" type="number" min={0} max={4000} step={1} defaultValue={at?.x} inputMode="numeric" />
        </div>
        <div className="field">
          <label htmlFor="node-move-y">{t('targetMap.y')}</label>
          <input id="node-move-y" name="y" type="number" min={0} max={4000} step={1} defaultValue={at?.y} inputMode="numeric" />
        </div>
        <button type="submit" className="button" disabled={fetcher.state !== 'idle'}>
          {t('targetMap.savePosition')}
        </button>
        <FormErrors errors={Object.values(errors).flatMap((e) => e ?? [])} />
        <FetcherSaveFailed fetcher={fetcher} />
      </fetcher.Form>
    </details>
  )
}
