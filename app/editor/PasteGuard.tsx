// Refuses a paste or drop whose text would make an edit larger than the collab-server accepts,
// before it enters the document: once in the Yjs document it could never be sent (see size-guard.ts).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { mergeRegister } from '@lexical/utils'
import { COMMAND_PRIORITY_CRITICAL, DROP_COMMAND, PASTE_COMMAND } from 'lexical'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_MESSAGE_BYTES } from '#core/collab/contract.ts'
import { estimatePasteBytes, formatBytes } from './size-guard.ts'

/** Half the frame limit: the estimate is rough, and the rest leaves room for formatting. */
export const PASTE_LIMIT_BYTES = MAX_MESSAGE_BYTES / 2

function transferredText(data: DataTransfer | null): string {
  if (!data) return ''
  return data.getData('text/plain') || data.getData('text/html')
}

export function PasteGuard() {
  const [editor] = useLexicalComposerContext()
  const { t, i18n } = useTranslation('collab')
  const [refused, setRefused] = useState<number | null>(null)

  useEffect(() => {
    const guard = (data: DataTransfer | null, event: Event) => {
      const bytes = estimatePasteBytes(transferredText(data))
      if (bytes <= PASTE_LIMIT_BYTES) {
        setRefused(null)
        return false
      }
      event.preventDefault()
      setRefused(bytes)
      return true
    }
    return mergeRegister(
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => guard('clipboardData' in event ? event.clipboardData : null, event),
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(DROP_COMMAND, (event) => guard(event.dataTransfer, event), COMMAND_PRIORITY_CRITICAL),
    )
  }, [editor])

  if (refused === null) return null
  return (
    <div className="collab__notice collab__notice--warn" role="alert">
      <p>
        {t('pasteTooLarge', {
          size: formatBytes(refused, i18n.language),
          limit: formatBytes(PASTE_LIMIT_BYTES, i18n.language),
        })}
      </p>
      <button type="button" className="collab__notice-button" onClick={() => setRefused(null)}>
        {t('dismiss')}
      </button>
    </div>
  )
}
