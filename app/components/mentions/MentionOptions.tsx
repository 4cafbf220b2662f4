import { useTranslation } from 'react-i18next'
import { type MentionPerson } from './people.ts'

/**
 * The "@" list as a listbox (ADR 062): the text field keeps the focus and points at the active
 * option through aria-activedescendant, as the ARIA combobox pattern asks; a pointer picks with a
 * press (mousedown, so the field does not lose its caret first).
 */
export function MentionOptions({
  id,
  people,
  active,
  onPick,
  optionId,
}: {
  id: string
  people: readonly MentionPerson[]
  active: number
  onPick: (person: MentionPerson) => void
  optionId: (index: number) => string
}) {
  const { t } = useTranslation('common')
  return (
    <ul id={id} role="listbox" className="mention-options" aria-label={t('mentions.listLabel')}>
      {people.map((person, i) => (
        <li
          key={person.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={
            i === active ? 'mention-options__option mention-options__option--active' : 'mention-options__option'
          }
          onMouseDown={(event) => {
            event.preventDefault()
            onPick(person)
          }}
        >
          <span className="mention-options__name">{person.name}</span>
          {person.organisation || !person.team ? (
            <span className="mention-options__detail">
              {[person.organisation, person.team ? null : t('mentions.reviewer')].filter(Boolean).join(' · ')}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** What a screen reader hears when the list opens or narrows (a polite live region, always present). */
export function mentionAnnouncement(
  t: (key: string, options?: Record<string, unknown>) => string,
  count: number | null,
) {
  if (count === null) return ''
  return count === 0 ? t('mentions.none') : t('mentions.count', { count })
}
