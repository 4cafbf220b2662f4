// "@" in the co-editor (ADR 062): lists the plan's team (then the ILO reviewers) and inserts a
// mention node, which the collab-server finds when it next renders the document and turns into a
// notification. Lexical's typeahead plugin does the keyboard (↑/↓, Enter or Tab, Escape) and points
// the editing area at the active option (aria-controls, aria-activedescendant); this component
// names the list, renders the options and announces how many match in a live region.
import {
  LexicalTypeaheadMenuPlugin,
  MenuOption,
  useBasicTypeaheadTriggerMatch,
} from '@lexical/react/LexicalTypeaheadMenuPlugin'
import { $insertNodes } from 'lexical'
import { useEffect, useMemo, useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { $createMentionNode } from '#core/editor/mention-node.ts'
import { mentionName } from '#core/mentions/tokens.ts'
import { mentionAnnouncement } from '../components/mentions/MentionOptions.tsx'
import { matchPeople, type MentionPerson } from '../components/mentions/people.ts'

class PersonOption extends MenuOption {
  constructor(readonly person: MentionPerson) {
    super(person.id)
  }
}

/** A version 4 uuid, also on a page served over plain http (where crypto.randomUUID is missing). */
export function newMentionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The people "@" offers, fetched once per plan from its guarded endpoint; empty until then or on failure. */
function useMentionable(planId: string): MentionPerson[] {
  const [people, setPeople] = useState<MentionPerson[]>([])
  useEffect(() => {
    const controller = new AbortController()
    fetch(`/plans/${planId}/mentionable`, { signal: controller.signal, headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ people: MentionPerson[] }>) : null))
      .then((body) => {
        if (body && Array.isArray(body.people)) setPeople(body.people)
      })
      // Offline or refused: "@" is then plain text; the next load of the page tries again.
      .catch(() => {})
    return () => controller.abort()
  }, [planId])
  return people
}

export function MentionsPlugin({ planId }: { planId: string }) {
  const { t } = useTranslation('common')
  const people = useMentionable(planId)
  const [query, setQuery] = useState<string | null>(null)
  // The list is drawn inside the editor's block, not at the end of <body>: it stays within the
  // page's landmarks, and its options within the region that labels them.
  const [parent, setParent] = useState<HTMLDivElement | null>(null)
  const triggerFn = useBasicTypeaheadTriggerMatch('@', { minLength: 0, maxLength: 40 })
  const options = useMemo(
    () => (query === null ? [] : matchPeople(people, query).map((person) => new PersonOption(person))),
    [people, query],
  )

  return (
    <>
      <div ref={setParent} className="collab__mentions-anchor" />
      {parent ? (
        <LexicalTypeaheadMenuPlugin<PersonOption>
          parent={parent}
          onQueryChange={setQuery}
          onClose={() => setQuery(null)}
          triggerFn={(text, e) => (people.length > 0 ? triggerFn(text, e) : null)}
          options={options}
          anchorClassName="collab__mentions-menu"
          onSelectOption={(option, nodeToReplace, closeMenu) => {
            // Runs inside the plugin's editor.update.
            const mention = $createMentionNode(option.person.id, newMentionId(), `@${mentionName(option.person.name)}`)
            if (nodeToReplace) nodeToReplace.replace(mention)
            else $insertNodes([mention])
            mention.select()
            closeMenu()
          }}
          menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) => {
            const container = anchor.current
            if (!container || options.length === 0) return null
            // The plugin makes the container the listbox; it is named in the page's language here.
            container.setAttribute('aria-label', t('mentions.listLabel'))
            return createPortal(
              <ul role="presentation" className="mention-options">
                {options.map((option, i) => (
                  <li
                    key={option.key}
                    id={`typeahead-item-${i}`}
                    ref={(el) => option.setRefElement(el)}
                    role="option"
                    aria-selected={selectedIndex === i}
                    className={
                      selectedIndex === i
                        ? 'mention-options__option mention-options__option--active'
                        : 'mention-options__option'
                    }
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseEnter={() => setHighlightedIndex(i)}
                    onClick={() => {
                      setHighlightedIndex(i)
                      selectOptionAndCleanUp(option)
                    }}
                  >
                    <span className="mention-options__name">{option.person.name}</span>
                    {option.person.organisation || !option.person.team ? (
                      <span className="mention-options__detail">
                        {[option.person.organisation, option.person.team ? null : t('mentions.reviewer')]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>,
              container,
            )
          }}
        />
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {query !== null && people.length > 0 ? mentionAnnouncement(t, options.length) : ''}
      </p>
    </>
  )
}
