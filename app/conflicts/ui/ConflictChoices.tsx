import { type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { type ConflictView } from '../protocol.ts'

export type Choice = 'mine' | 'theirs'

type ConflictShown = Pick<ConflictView, 'version' | 'data' | 'fields' | 'merged' | 'by'>

/**
 * After a refused save: each field both people changed, my value beside the saved one, with
 * "Keep mine" / "Take theirs". The form below holds the chosen values; saving again applies them.
 */
export function ConflictChoices({
  conflict,
  label,
  render,
  choices,
  onChoose,
  wording,
}: {
  conflict: ConflictShown
  label: (field: string) => string
  render: (field: string, value: unknown) => ReactNode
  choices: Record<string, Choice>
  onChoose: (field: string, choice: Choice) => void
  /** Other words where "someone else saved" does not fit (e.g. the person's own scores saved from another tab). */
  wording?: { intro?: string; mine?: string; theirs?: string }
}) {
  const { t } = useTranslation('common')
  const name = conflict.by || t('conflict.someone')
  return (
    <div className="alert alert--warning conflict" role="alert">
      <p>
        {wording?.intro ??
          (conflict.fields.length > 0 ? t('conflict.chooseIntro', { name }) : t('conflict.sameAgain', { name }))}
      </p>
      {conflict.fields.map((field) => {
        const choice = choices[field] ?? 'mine'
        return (
          <fieldset key={field} className="conflict__field" data-field={field}>
            <legend>{label(field)}</legend>
            <dl className="conflict__values">
              <div className={choice === 'mine' ? 'conflict__value conflict__value--chosen' : 'conflict__value'}>
                <dt>{wording?.mine ?? t('conflict.mine')}</dt>
                <dd>{render(field, conflict.merged[field])}</dd>
              </div>
              <div className={choice === 'theirs' ? 'conflict__value conflict__value--chosen' : 'conflict__value'}>
                <dt>{wording?.theirs ?? t('conflict.theirs', { name })}</dt>
                <dd>{render(field, conflict.data[field])}</dd>
              </div>
            </dl>
            <div className="conflict__buttons">
              <button
                type="button"
                className="button button--small"
                aria-pressed={choice === 'mine'}
                onClick={() => onChoose(field, 'mine')}
              >
                {t('conflict.keepMine')}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-pressed={choice === 'theirs'}
                onClick={() => onChoose(field, 'theirs')}
              >
                {t('conflict.takeTheirs')}
              </button>
            </div>
          </fieldset>
        )
      })}
    </div>
  )
}

/** The value a conflicting form shows in `field`: the chosen side, else the merged (mine) value. */
export function chosenValue(conflict: ConflictShown, choices: Record<string, Choice>, field: string): unknown {
  return choices[field] === 'theirs' ? conflict.data[field] : conflict.merged[field]
}
