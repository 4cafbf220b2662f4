import { useFetcher } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '../../components/forms.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { ALIGNMENT_RANGE, INFLUENCE_RANGE, quadrant, QUADRANTS, type Placement } from '../stakeholderGrid.ts'
import { signed } from '../scoring.ts'
import { type WorksheetItemView } from '../types.ts'
import { type ItemActionData } from './ItemForm.tsx'
import { withCode } from '../recordName.ts'

const INFLUENCES = [5, 4, 3, 2, 1]
const ALIGNMENTS = [-2, -1, 0, 1, 2]
const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(v)))

/** The corner cell of each quadrant carries its name. */
const LABEL_CELLS: Record<string, string> = { '5:-2': 'persuade', '5:2': 'partner', '1:-2': 'monitor', '1:2': 'inform' }

/**
 * The influence × alignment grid (4.2). Stakeholders sit where the team placed them, or at their
 * rounded mean scores (dashed) until then; dragging one to a cell records the team's placement.
 * The placement fields in the table above do the same without a mouse.
 */
export function StakeholderGrid({
  stakeholders,
  placements,
  canEdit,
}: {
  stakeholders: WorksheetItemView[]
  placements: Record<string, Placement | null>
  canEdit: boolean
}) {
  const { t } = useTranslation('worksheets')
  const fetcher = useFetcher<ItemActionData>()
  const [over, setOver] = useState<string | null>(null)
  // While a drop is being saved, show the stakeholder where it was dropped.
  const pending = fetcher.formData
    ? {
        id: String(fetcher.formData.get('id')),
        influence: Number(fetcher.formData.get('agreedInfluence')),
        alignment: Number(fetcher.formData.get('agreedAlignment')),
      }
    : null
  const cellOf = (s: WorksheetItemView) => {
    if (pending?.id === s.id)
      return { influence: pending.influence, alignment: pending.alignment, source: 'agreed' as const }
    const p = placements[s.id]
    return p
      ? {
          influence: clamp(p.influence, INFLUENCE_RANGE.min, INFLUENCE_RANGE.max),
          alignment: clamp(p.alignment, ALIGNMENT_RANGE.min, ALIGNMENT_RANGE.max),
          source: p.source,
        }
      : null
  }
  const drop = (influence: number, alignment: number, id: string) => {
    const s = stakeholders.find((x) => x.id === id)
    if (!s) return
    // The placement shown when it was dragged: a placement someone else saved since is not overwritten (ADR 036).
    const base = JSON.stringify({ agreedInfluence: s.data.agreedInfluence, agreedAlignment: s.data.agreedAlignment })
    fetcher.submit(
      {
        intent: 'stakeholder:place',
        formId: 'stakeholder-grid',
        id,
        version: String(s.version),
        base,
        agreedInfluence: String(influence),
        agreedAlignment: String(alignment),
      },
      { method: 'post' },
    )
  }
  const error = fetcher.data?.formId === 'stakeholder-grid' ? fetcher.data.result?.error?.[''] : undefined
  const unplaced = stakeholders.filter((s) => cellOf(s) === null)
  const summary = Object.fromEntries(
    QUADRANTS.map((q) => [
      q,
      stakeholders
        .filter((s) => {
          const c = cellOf(s)
          return c !== null && quadrant(c.influence, c.alignment) === q
        })
        .map((s) => withCode(String(s.data.name ?? ''), s.ref, t('untitled')))
        .join('; ') || t('stakeholderGrid.none'),
    ]),
  )
  return (
    <section className="card stakeholder-grid" aria-labelledby="stakeholder-grid-heading">
      <h3 id="stakeholder-grid-heading">{t('stakeholderGrid.title')}</h3>
      <p className="field__hint" id="stakeholder-grid-hint">
        {canEdit ? t('stakeholderGrid.hintEdit') : t('stakeholderGrid.hint')}
      </p>
      <FormErrors errors={error ?? undefined} />
      <FetcherSaveFailed fetcher={fetcher} />
      {/* For assistive technology the grid is one picture described by quadrant; the table above and the placement fields carry the detail. */}
      <div
        className="sgrid"
        role="img"
        aria-label={t('stakeholderGrid.summary', summary)}
        aria-describedby="stakeholder-grid-hint"
      >
        <div className="sgrid__yaxis" aria-hidden="true">
          {t('stakeholderGrid.influence')} ↑
        </div>
        {INFLUENCES.map((influence) => (
          <div key={influence} className="sgrid__row">
            <div className="sgrid__ylabel" aria-hidden="true">
              {influence}
            </div>
            {ALIGNMENTS.map((alignment) => {
              const key = `${influence}:${alignment}`
              const q = quadrant(influence, alignment)
              const here = stakeholders.filter((s) => {
                const c = cellOf(s)
                return c !== null && c.influence === influence && c.alignment === alignment
              })
              return (
                <div
                  key={key}
                  className={`sgrid__cell sgrid__cell--${q}${over === key ? ' sgrid__cell--over' : ''}`}
                  onDragOver={
                    canEdit
                      ? (e) => {
                          e.preventDefault()
                          setOver(key)
                        }
                      : undefined
                  }
                  onDragLeave={() => setOver(null)}
                  onDrop={
                    canEdit
                      ? (e) => {
                          e.preventDefault()
                          setOver(null)
                          drop(influence, alignment, e.dataTransfer.getData('text/plain'))
                        }
                      : undefined
                  }
                >
                  {LABEL_CELLS[key] ? (
                    <span className="sgrid__quadrant">{t(`quadrant.${LABEL_CELLS[key]}`)}</span>
                  ) : null}
                  {here.map((s) => (
                    <Chip key={s.id} item={s} source={cellOf(s)!.source} draggable={canEdit} />
                  ))}
                </div>
              )
            })}
          </div>
        ))}
        <div className="sgrid__row sgrid__row--axis" aria-hidden="true">
          <div className="sgrid__ylabel" />
          {ALIGNMENTS.map((a) => (
            <div key={a} className="sgrid__xlabel">
              {signed(a)}
            </div>
          ))}
        </div>
        <div className="sgrid__xaxis" aria-hidden="true">
          {t('stakeholderGrid.alignment')} →
        </div>
      </div>
      <p className="sgrid__legend">
        {/* Sample chips: their border (solid or dashed) is the key; they name no stakeholder. */}
        <span className="sgrid__chip sgrid__chip--agreed sgrid__chip--sample" aria-hidden="true" />{' '}
        {t('stakeholderGrid.agreed')}{' '}
        <span className="sgrid__chip sgrid__chip--mean sgrid__chip--sample" aria-hidden="true" />{' '}
        {t('stakeholderGrid.fromMeans')}
      </p>
      {unplaced.length > 0 ? (
        <p className="cell-sub">
          {t('stakeholderGrid.unplaced')}{' '}
          {unplaced.map((s, i) => (
            <span key={s.id}>
              {i > 0 ? ', ' : ''}
              <Chip item={s} source="mean" draggable={canEdit} />
            </span>
          ))}
        </p>
      ) : null}
    </section>
  )
}

function Chip({ item, source, draggable }: { item: WorksheetItemView; source: 'agreed' | 'mean'; draggable: boolean }) {
  return (
    <span
      className={`sgrid__chip sgrid__chip--${source}`}
      title={String(item.data.name ?? '')}
      draggable={draggable}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', item.id)
        e.dataTransfer.effectAllowed = 'move'
      }}
    >
      {item.ref}
    </span>
  )
}
