// A shared rich-text document (sub-step notes or the plan narrative). The server renders a static
// placeholder; in the browser the editor (Lexical, Yjs: most of the page's JavaScript) is fetched
// only after the page has hydrated, so that on a slow connection the worksheet beside it works
// before the editor has arrived. If fetching it fails, the reader can try again.
import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

const loadEditor = () => import('./LiveDocument.tsx')

interface CollabEditorProps {
  planId: string
  /** The sub-step whose notes to edit; null for the plan narrative. */
  substep: string | null
  /** Accessible name of the editing area. */
  label: string
}

export function CollabEditor(props: CollabEditorProps) {
  const { t } = useTranslation('collab')
  const [mounted, setMounted] = useState(false)
  // A new lazy component after a failed fetch: React keeps the failure of the old one.
  const [editor, setEditor] = useState(() => ({ attempt: 0, LiveDocument: lazy(loadEditor) }))
  const { LiveDocument } = editor
  // Bumped to drop this tab's copy of the document and load the shared version afresh.
  const [generation, setGeneration] = useState(0)
  useEffect(() => setMounted(true), [])
  const placeholder = (
    <div className="collab">
      <p className="collab__loading">{t('loading')}</p>
    </div>
  )
  if (!mounted) return placeholder
  return (
    <LoadFailure
      key={`${generation}:${editor.attempt}`}
      onRetry={() => setEditor((e) => ({ attempt: e.attempt + 1, LiveDocument: lazy(loadEditor) }))}
    >
      <Suspense fallback={placeholder}>
        <LiveDocument
          key={`${props.planId}:${props.substep ?? ''}:${generation}`}
          {...props}
          onReload={() => setGeneration((g) => g + 1)}
        />
      </Suspense>
    </LoadFailure>
  )
}

/** Catches a failed fetch of the editor's code (the rest of the page stays usable); a retry remounts it. */
class LoadFailure extends Component<{ children: ReactNode; onRetry: () => void }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override render() {
    return this.state.failed ? <LoadFailed onRetry={this.props.onRetry} /> : this.props.children
  }
}

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation('collab')
  return (
    <div className="collab">
      <p role="alert" className="collab__load-failed">
        {t('loadFailed')}{' '}
        <button type="button" className="button button--small" onClick={onRetry}>
          {t('retry')}
        </button>
      </p>
    </div>
  )
}
