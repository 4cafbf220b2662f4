// Tells the user that their latest edits can no longer be saved, and why, and hands them their text:
// edits are never dropped silently (an edit too large to send, a downgrade to read-only, lost access).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot } from 'lexical'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type StrandedCause } from './session.ts'

export function StrandedEdits({ cause, onReload }: { cause: StrandedCause; onReload: () => void }) {
  const [editor] = useLexicalComposerContext()
  const { t } = useTranslation('collab')
  const textId = useId()
  const [text, setText] = useState('')
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')
  // The text as this tab has it, unsaved edits included; frozen when the problem is reported.
  useEffect(() => setText(editor.getEditorState().read(() => $getRoot().getTextContent())), [editor])

  const copyText = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopy('copied')
    } catch {
      setCopy('failed')
    }
  }

  return (
    <section className="collab__notice collab__notice--danger" role="alert" aria-labelledby={`${textId}-title`}>
      <h3 id={`${textId}-title`} className="collab__notice-title">
        {t('stranded.title')}
      </h3>
      <p>{t(`stranded.${cause}`)}</p>
      <label htmlFor={textId} className="collab__notice-label">
        {t('stranded.textLabel')}
      </label>
      <textarea id={textId} className="collab__stranded-text" readOnly value={text} rows={6} />
      <div className="collab__notice-actions">
        <button type="button" className="collab__notice-button" onClick={() => void copyText()}>
          {t('stranded.copy')}
        </button>
        <button type="button" className="collab__notice-button" onClick={onReload}>
          {t('stranded.reload')}
        </button>
        <span aria-live="polite">{copy === 'idle' ? '' : t(`stranded.${copy}`)}</span>
      </div>
    </section>
  )
}
