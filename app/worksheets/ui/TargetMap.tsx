import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '../../components/forms.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { changedFields } from '../../conflicts/merge.ts'
import { BaseFields } from '../../conflicts/ui/BaseFields.tsx'
import { chosenValue, ConflictChoices, type Choice } from '../../conflicts/ui/ConflictChoices.tsx'
import { useEditBase } from '../../conflicts/ui/useEditBase.ts'
import { clamp, layoutTargetMap, storedPosition, type Placed } from '../targetMapLayout.ts'
import { type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'
import { type SubstepPanelProps } from '../../method/define-panels.ts'
import { TargetMapSvg, type TargetMapNode, type TargetMapRelation } from './TargetMapSvg.tsx'
import { withCode } from '../recordName.ts'

type PositionData = ItemActionData

/** What the loaders of the pages drawing the target map send: ELK's positions for unplaced nodes. */
export interface MapPositions {
  autoPositions: Placed[]
}

const num = (v: unknown) => (typeof v === 'number' ? v : null)
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** The map's nodes and relations from the worksheet items (shared with later map layers). */
export function targetMapModel(
  nodeItems: WorksheetItemView[],
  relationItems: WorksheetItemView[],
  autoPositions: readonly Placed[] = [],
) {
  const nodes: TargetMapNode[] = nodeItems.map((n) => ({
    id: n.id,
    ref: n.ref,
    label: str(n.data.label),
    nodeType: str(n.data.nodeCategory) || null,
    isPivot: n.data.isPivot === true,
    countUnits: num(n.data.countUnits),
    countWorkers: num(n.data.countWorkers),
  }))
  const relations: TargetMapRelation[] = relationItems.map((r) => ({
    id: r.id,
    from: str(r.data.from),
    to: str(r.data.to),
    relationType: str(r.data.relationType) || null,
    label: str(r.data.label),
    strength: num(r.data.strength),
  }))
  return {
    nodes,
    relations,
    positions: layoutTargetMap(
      nodeItems.map((n) => ({ id: n.id, x: n.data.x, y: n.data.y })),
      relations,
      autoPositions,
    ),
  }
}

const STEP = 10
const BIG_STEP = 50
const KEYS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
}

/** 2.3: the interactive target map. Drag a node, or focus it and use the arrow keys; both save. */
export function TargetMapPanel({ worksheet, abilities, extra }: SubstepPanelProps<MapPositions | null>) {
  const { t } = useTranslation('worksheets')
  const nodeItems = worksheet.items.node ?? []
  const model = targetMapModel(nodeItems, worksheet.items.relation ?? [], extra?.autoPositions)
  const canEdit = abilities['worksheet:edit'] === true
  const fetcher = useFetcher<PositionData>()
  const [moved, setMoved] = useState<Record<string, Placed>>({})
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const drag = useRef<{ id: string; dx: number; dy: number; svg: SVGSVGElement; moved: boolean } | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const versions = useRef<Record<string, number>>({})
  const refOf = (id: string | undefined) => nodeItems.find((n) => n.id === id)?.ref ?? ''

  // The newest version we know of: the loader's, or the one our last save returned.
  const versionOf = (id: string) =>
    Math.max(nodeItems.find((n) => n.id === id)?.version ?? 0, versions.current[id] ?? 0)
  // The stored position the person moved the node from: a move by someone else since is not overwritten.
  const baseOf = (id: string) => JSON.stringify({ position: storedPosition(nodeItems.find((n) => n.id === id)?.data) })
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
      const keep = Object.fromEntries(
        Object.entries(m).filter(
          ([id]) =>
            drag.current?.id === id ||
            (nodeItems.find((n) => n.id === id)?.version ?? 0) < (versions.current[id] ?? Infinity),
        ),
      )
      return Object.keys(keep).length === Object.keys(m).length ? m : keep
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded])

  const save = (p: Placed) =>
    fetcher.submit(
      {
        intent: 'node:position',
        formId: 'node-position',
        id: p.id,
        version: String(versionOf(p.id)),
        base: baseOf(p.id),
        x: String(p.x),
        y: String(p.y),
      },
      { method: 'post' },
    )

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
        <>
          <p id="target-map-keys" className="field__hint target-map__controls">
            {t('targetMap.hint')}
          </p>
          {/* Says which node the arrow keys move, for sighted keyboard users and screen readers alike. */}
          <p className="target-map__controls target-map__selected" aria-live="polite">
            {selectedId ? t('targetMap.selectHint', { ref: refOf(selectedId) }) : ''}
          </p>
        </>
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
        <div
          className="target-map__canvas"
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        >
          <TargetMapSvg
            nodes={model.nodes}
            relations={model.relations}
            positions={positions}
            labelledBy="target-map-title"
            interaction={interaction}
          />
        </div>
      )}
      <div role="status" className="target-map__status">
        {fetcher.state === 'idle' && result?.saved ? t('targetMap.saved', { ref: refOf(result.saved.id) }) : null}
        {fetcher.state === 'idle' && result?.conflict
          ? t('targetMap.conflict', { ref: refOf(result.conflict.id) })
          : null}
      </div>
      {canEdit && model.nodes.length > 0 ? (
        <MoveForm nodes={nodeItems} positions={positions} selectedId={selectedId} />
      ) : null}
    </section>
  )
}

/** The form alternative to dragging: choose a node and type its position. */
function MoveForm({
  nodes,
  positions,
  selectedId,
}: {
  nodes: WorksheetItemView[]
  positions: Map<string, Placed>
  selectedId: string | null
}) {
  const { t } = useTranslation('worksheets')
  const [id, setId] = useState(selectedId ?? nodes[0]!.id)
  useEffect(() => {
    if (selectedId) setId(selectedId)
  }, [selectedId])
  const node = nodes.find((n) => n.id === id) ?? nodes[0]!
  return (
    <details className="target-map__controls target-map__move">
      <summary>{t('targetMap.moveTitle')}</summary>
      <div className="field">
        <label htmlFor="node-move-id">{t('targetMap.node')}</label>
        <select id="node-move-id" value={node.id} onChange={(e) => setId(e.currentTarget.value)}>
          {nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {withCode(String(n.data.label ?? ''), n.ref, t('untitled'))}
            </option>
          ))}
        </select>
      </div>
      {/* One form per node: what is typed for one node is never posted for another. */}
      <NodePositionForm key={node.id} node={node} at={positions.get(node.id)} />
    </details>
  )
}

const POSITION = 'position'
const positionText = (value: unknown, t: (key: string, options: Record<string, unknown>) => string) => {
  const p = storedPosition(value)
  return p.x === null || p.y === null ? t('targetMap.notPlaced', {}) : t('targetMap.at', { x: p.x, y: p.y })
}

/**
 * The x/y of one node. Untouched, it follows the map (live refresh, drags); once the person types,
 * it keeps what they typed and the position it started from, says who moved the node since, and a
 * save on that older position is refused with both positions to choose from (ADR 036).
 */
function NodePositionForm({ node, at }: { node: WorksheetItemView; at: Placed | undefined }) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<PositionData>()
  const answer = fetcher.data?.formId === 'node-move' ? fetcher.data : undefined
  const conflict = answer?.conflict ?? null
  const [touched, setTouched] = useState(false)
  const stored = { version: node.version, data: { [POSITION]: storedPosition(node.data) } }
  const base = useEditBase(stored, answer, { follow: !touched })
  const [choice, setChoice] = useState<Choice>('mine')
  const [seen, setSeen] = useState(answer)
  if (seen !== answer) {
    setSeen(answer)
    setChoice('mine')
    // Saved: the form follows the map again until the person types.
    if (answer?.saved) setTouched(false)
  }
  const errors = answer?.result?.status === 'error' && !conflict ? (answer.result.error ?? {}) : {}
  const chosen = conflict ? storedPosition(chosenValue(conflict, { [POSITION]: choice }, POSITION)) : null
  // Just saved here and the map not yet reloaded: show what was saved, not the older position.
  const ahead = base !== null && base.version > node.version
  const shown =
    chosen ?? (ahead ? storedPosition(base.data[POSITION]) : at ? { x: at.x, y: at.y } : { x: null, y: null })
  // New inputs when what they should show changes; from the first keystroke on, the same ones
  // (only a choice after a refused save replaces what they hold).
  const showKey = conflict ? `conflict-${conflict.version}-${choice}` : `at-${shown.x}-${shown.y}`
  const [inputsKey, setInputsKey] = useState(showKey)
  if ((!touched || conflict) && inputsKey !== showKey) setInputsKey(showKey)
  const movedBy =
    touched &&
    !conflict &&
    base &&
    node.version > base.version &&
    changedFields([POSITION], base.data, stored.data).length > 0
  return (
    <fetcher.Form
      method="post"
      className="target-map__move-form"
      aria-label={t('targetMap.moveLabel', { ref: node.ref })}
      onChange={() => setTouched(true)}
    >
      <input type="hidden" name="intent" value="node:position" />
      <input type="hidden" name="formId" value="node-move" />
      <input type="hidden" name="id" value={node.id} />
      <BaseFields base={base} />
      {movedBy ? (
        <div className="alert alert--info" role="status">
          <p>
            {t('targetMap.movedSince', {
              name: node.updated_by_name || t('common:conflict.someone'),
              ref: node.ref,
              position: positionText(stored.data[POSITION], t),
            })}
          </p>
        </div>
      ) : null}
      {conflict ? (
        <ConflictChoices
          conflict={conflict}
          label={() => t('targetMap.positionOf', { ref: node.ref })}
          render={(_field, value) => positionText(value, t)}
          choices={{ [POSITION]: choice }}
          onChoose={(_field, next) => setChoice(next)}
        />
      ) : null}
      <div className="field">
        <label htmlFor="node-move-x">{t('targetMap.x')}</label>
        <input
          key={`x-${inputsKey}`}
          id="node-move-x"
          name="x"
          type="number"
          min={0}
          max={4000}
          step={1}
          defaultValue={shown.x ?? undefined}
          inputMode="numeric"
        />
      </div>
      <div className="field">
        <label htmlFor="node-move-y">{t('targetMap.y')}</label>
        <input
          key={`y-${inputsKey}`}
          id="node-move-y"
          name="y"
          type="number"
          min={0}
          max={4000}
          step={1}
          defaultValue={shown.y ?? undefined}
          inputMode="numeric"
        />
      </div>
      <button type="submit" className="button" disabled={fetcher.state !== 'idle'}>
        {t('targetMap.savePosition')}
      </button>
      <p role="status" className="muted">
        {fetcher.state === 'idle' && answer?.saved ? t('targetMap.saved', { ref: node.ref }) : ''}
      </p>
      <FormErrors errors={Object.values(errors).flatMap((e) => e ?? [])} />
      <FetcherSaveFailed fetcher={fetcher} />
    </fetcher.Form>
  )
}
