import { useId, useRef, useState, type TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { mentionName } from '#core/mentions/tokens.ts'
import { mentionAnnouncement, MentionOptions } from './MentionOptions.tsx'
import { matchPeople, mentionQueryAt, type MentionPerson } from './people.ts'

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onKeyDown' | 'onInput'> & {
  name: string
  people: readonly MentionPerson[]
}

/**
 * A comment box in which "@" lists the people one may mention (ADR 062). The text shows "@Name";
 * each person picked is sent beside it as `mentions` (their id), and the server turns their "@Name"
 * into a stored token. Keyboard: ↑/↓ choose, Enter or Tab mention, Escape closes the list. Without
 * JavaScript it is a plain text box (nothing is mentioned).
 */
export function MentionTextarea({ people, name, 'aria-describedby': describedBy, ...props }: Props) {
  const { t } = useTranslation('common')
  const ref = useRef<HTMLTextAreaElement>(null)
  const listId = useId()
  const hintId = `${listId}-hint`
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null)
  const [active, setActive] = useState(0)
  const [picked, setPicked] = useState<MentionPerson[]>([])
  const [text, setText] = useState('')
  const matches = query ? matchPeople(people, query.query) : []
  const open = query !== null && matches.length > 0
  const optionId = (i: number) => `${listId}-option-${i}`

  const follow = () => {
    const el = ref.current
    if (!el) return
    setText(el.value)
    const next = people.length > 0 ? mentionQueryAt(el.value, el.selectionStart ?? el.value.length) : null
    setQuery(next)
    if (next?.query !== query?.query) setActive(0)
  }

  const pick = (person: MentionPerson) => {
    const el = ref.current
    if (!el || !query) return
    const inserted = `@${mentionName(person.name)} `
    const caret = el.selectionStart ?? el.value.length
    el.setRangeText(inserted, query.start, caret, 'end')
    setText(el.value)
    setPicked((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]))
    setQuery(null)
    el.focus()
  }

  // Only people whose "@Name" is still in the text are sent.
  const sent = picked.filter((p) => text.includes(`@${mentionName(p.name)}`))

  return (
    <>
      <textarea
        {...props}
        ref={ref}
        name={name}
        aria-describedby={[describedBy, people.length > 0 ? hintId : null].filter(Boolean).join(' ') || undefined}
        aria-autocomplete={people.length > 0 ? 'list' : undefined}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        onInput={follow}
        onClick={follow}
        onKeyUp={(event) => {
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End')
            follow()
        }}
        // The form empties the box itself after a post (clearSaved): read it again when coming back.
        onFocus={() => setText(ref.current?.value ?? '')}
        onBlur={() => setQuery(null)}
        onKeyDown={(event) => {
          if (!open) return
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault()
            const step = event.key === 'ArrowDown' ? 1 : -1
            setActive((i) => (i + step + matches.length) % matches.length)
          } else if (event.key === 'Enter' || event.key === 'Tab') {
            event.preventDefault()
            pick(matches[Math.min(active, matches.length - 1)]!)
          } else if (event.key === 'Escape') {
            event.preventDefault()
            setQuery(null)
          }
        }}
      />
      {open ? <MentionOptions id={listId} people={matches} active={active} onPick={pick} optionId={optionId} /> : null}
      <p className="visually-hidden" aria-live="polite">
        {query ? mentionAnnouncement(t, matches.length) : ''}
      </p>
      {people.length > 0 ? (
        <p id={hintId} className="field__hint">
          {t('mentions.hint')}
        </p>
      ) : null}
      {sent.map((p) => (
        <input key={p.id} type="hidden" name="mentions" value={p.id} />
      ))}
    </>
  )
}
