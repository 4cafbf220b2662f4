// The live editor of a shared document (sub-step notes or the plan narrative), co-edited through the
// collab-server. Loaded on demand by CollabEditor, in the browser only. Undo/redo come from the Yjs
// undo manager of CollaborationPlugin (never HistoryPlugin).
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext'
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin'
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { TablePlugin } from '@lexical/react/LexicalTablePlugin'
import { type Provider } from '@lexical/yjs'
import { Link, useBlocker, useRouteLoaderData } from '@remix-run/react'
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { type RootData } from '../root.tsx'
import { EDITOR_NODES } from '#core/editor/nodes.ts'
import { MentionsPlugin } from './MentionsPlugin.tsx'
import { PasteGuard } from './PasteGuard.tsx'
import { backoffDelay, CollabSession, type Collaborator, type SessionSnapshot } from './session.ts'
import { StrandedEdits } from './StrandedEdits.tsx'
import { EDITOR_THEME } from './theme.ts'
import { fetchTicket, type TicketFailure } from './ticket.ts'
import { isAllowedUrl, Toolbar } from './Toolbar.tsx'

export interface LiveDocumentProps {
  planId: string
  /** The sub-step whose notes to edit; null for the plan narrative. */
  substep: string | null
  /** Accessible name of the editing area. */
  label: string
  /** Drops this tab's copy of the document and loads the shared version afresh. */
  onReload: () => void
}

type Opening = { session: CollabSession } | { failure: TicketFailure } | null

/** Fetches the first token (retrying while offline), then opens the session. */
export default function LiveDocument({ planId, substep, label, onReload }: LiveDocumentProps) {
  const { t } = useTranslation('collab')
  const [opening, setOpening] = useState<Opening>(null)
  useEffect(() => {
    let cancelled = false
    let session: CollabSession | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const getTicket = () => fetchTicket(planId, substep)
    let inFlight = false
    const attempt = async (n: number) => {
      inFlight = true
      const result = await getTicket()
      inFlight = false
      if (cancelled) return
      if (result.ok) {
        session = new CollabSession(result.ticket, { fetchTicket: getTicket, window })
        setOpening({ session })
        return
      }
      setOpening({ failure: result.reason })
      if (result.reason === 'offline' || result.reason === 'error')
        timer = setTimeout(() => void attempt(n + 1), backoffDelay(n, 1_000, 30_000, Math.random))
    }
    const retryNow = () => {
      if (session || cancelled || inFlight) return
      clearTimeout(timer)
      void attempt(0)
    }
    window.addEventListener('online', retryNow)
    void attempt(0)
    return () => {
      cancelled = true
      clearTimeout(timer)
      window.removeEventListener('online', retryNow)
      session?.destroy()
    }
  }, [planId, substep])

  if (opening && 'session' in opening)
    return (
      <SessionEditor
        planId={planId}
        session={opening.session}
        label={label}
        placeholder={substep ? 'notesPlaceholder' : 'placeholder'}
        onReload={onReload}
      />
    )
  return (
    <div className="collab">
      <StatusBar snapshot={null} failure={opening?.failure ?? null} />
      <p className="collab__loading">{t('loading')}</p>
    </div>
  )
}

function EditableSync({ editable }: { editable: boolean }) {
  const [editor] = useLexicalComposerContext()
  useEffect(() => editor.setEditable(editable), [editor, editable])
  return null
}

function SessionEditor({
  planId,
  session,
  label,
  placeholder,
  onReload,
}: {
  planId: string
  session: CollabSession
  label: string
  /** Notes say what they are for; the narrative's headings already do. */
  placeholder: 'notesPlaceholder' | 'placeholder'
  onReload: () => void
}) {
  const { t } = useTranslation('collab')
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot)
  const userName = useRouteLoaderData<RootData>('root')?.user?.name ?? ''
  const cursorsRef = useRef<HTMLDivElement>(null)
  const editable = snapshot.mode === 'rw' && snapshot.loaded && !isTerminal(snapshot)

  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'scp-collab',
      // The content comes from the server only; clients never bootstrap.
      editorState: null,
      nodes: [...EDITOR_NODES],
      theme: EDITOR_THEME,
      editable: false,
      onError: (error) => console.error(error),
    }),
    [],
  )
  const providerFactory = useCallback(
    (id: string, docs: Map<string, Y.Doc>) => {
      const doc = new Y.Doc()
      docs.set(id, doc)
      return session.createProvider(doc) as unknown as Provider
    },
    [session],
  )

  // Stranded edits exist only in this tab: leaving loses them too.
  const unsaved = (snapshot.mode === 'rw' && snapshot.unsaved) || snapshot.stranded !== null
  // Leaving for another page of the portal drops this document too: ask first, as for the tab.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname,
  )
  useEffect(() => {
    if (blocker.state !== 'blocked') return
    if (window.confirm(t('leaveWarning'))) blocker.proceed()
    else blocker.reset()
  }, [blocker, t])
  useEffect(() => {
    if (!unsaved) return
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = t('leaveWarning')
      return event.returnValue
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [unsaved, t])

  return (
    <div className="collab" data-connection={snapshot.connection} data-mode={snapshot.mode}>
      <LexicalCollaboration>
        <LexicalComposer initialConfig={initialConfig}>
          <StatusBar snapshot={snapshot} failure={null} />
          <Presence others={snapshot.others} />
          {snapshot.stranded ? <StrandedEdits cause={snapshot.stranded} onReload={onReload} /> : null}
          <ModeChangeNotice snapshot={snapshot} />
          {editable ? <PasteGuard /> : null}
          {snapshot.mode === 'rw' ? (
            <Toolbar disabled={!editable} />
          ) : (
            <p className="collab__readonly">
              {snapshot.lock ? t(`readOnlyLocked.${snapshot.lock}`, { defaultValue: t('readOnly') }) : t('readOnly')}
            </p>
          )}
          <div className="collab__surface">
            <RichTextPlugin
              contentEditable={
                <ContentEditable
                  className="collab__content"
                  aria-label={label}
                  aria-readonly={!editable}
                  aria-placeholder={t(placeholder)}
                  placeholder={
                    <div className="collab__placeholder">{snapshot.loaded ? t(placeholder) : t('loading')}</div>
                  }
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
            <div ref={cursorsRef} className="collab__cursors" />
          </div>
          {editable ? <p className="field__hint collab__hint">{t('common:mentions.editorHint')}</p> : null}
          <ListPlugin />
          <LinkPlugin validateUrl={isAllowedUrl} />
          <TablePlugin />
          {editable ? <MentionsPlugin planId={planId} /> : null}
          <EditableSync editable={editable} />
          <CollaborationPlugin
            id={session.docName}
            providerFactory={providerFactory}
            shouldBootstrap={false}
            username={userName}
            cursorsContainerRef={cursorsRef}
          />
        </LexicalComposer>
      </LexicalCollaboration>
    </div>
  )
}

/**
 * Says why the document just became read-only or editable (the plan was submitted, approved or is
 * back in draft; the person's role changed), in a live region present from the start so that screen
 * readers announce it. Dismissable; a later change shows again.
 */
function ModeChangeNotice({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useTranslation('collab')
  const { modeChange, lock } = snapshot
  const [dismissed, setDismissed] = useState<string | null>(null)
  const key = modeChange ? `${snapshot.modeChanges}` : null
  const message = !modeChange
    ? null
    : modeChange === 'locked'
      ? t(`modeChange.locked.${lock}`, { defaultValue: t('modeChange.roleDowngraded') })
      : t(`modeChange.${modeChange}`)
  const shown = message !== null && dismissed !== key
  return (
    // aria-live rather than role="status": the connection line is the editor's one status.
    <div
      aria-live="polite"
      className={shown ? 'collab__notice collab__notice--info collab__mode-change' : 'collab__mode-change'}
    >
      {shown ? (
        <>
          <p>{message}</p>
          <button type="button" className="collab__notice-button" onClick={() => setDismissed(key)}>
            {t('dismiss')}
          </button>
        </>
      ) : null}
    </div>
  )
}

function isTerminal(snapshot: SessionSnapshot): boolean {
  const c = snapshot.connection
  return c === 'signedOut' || c === 'noAccess' || c === 'notFound' || c === 'tooLarge' || c === 'documentFull'
}

function StatusBar({ snapshot, failure }: { snapshot: SessionSnapshot | null; failure: TicketFailure | null }) {
  const { t } = useTranslation('collab')
  const connection = failure ? (failure === 'error' ? 'reconnecting' : failure) : (snapshot?.connection ?? 'connecting')
  let saved: 'saved' | 'unsaved' | 'offline' | null = null
  if (snapshot && snapshot.mode === 'rw' && snapshot.loaded && !isTerminal(snapshot)) {
    if (connection === 'throttled') saved = 'unsaved'
    else if (connection !== 'connected') saved = 'offline'
    else saved = snapshot.unsaved || !snapshot.acknowledged ? 'unsaved' : 'saved'
  }
  return (
    <div className="collab__status">
      <p role="status" className={`collab__connection collab__connection--${connection}`}>
        <span className="collab__dot" aria-hidden="true" />
        {t(`connection.${connection}`)}
        {connection === 'signedOut' ? (
          <>
            {' '}
            <Link
              to={`/login?redirectTo=${encodeURIComponent(typeof window === 'undefined' ? '/' : window.location.pathname)}`}
            >
              {t('signIn')}
            </Link>
          </>
        ) : null}
      </p>
      {saved ? (
        <p className={`collab__saved collab__saved--${saved}`} data-saved={saved}>
          {t(`saved.${saved}`)}
        </p>
      ) : null}
    </div>
  )
}

function Presence({ others }: { others: Collaborator[] }) {
  const { t } = useTranslation('collab')
  const labelId = useId()
  if (others.length === 0) return <p className="collab__presence collab__presence--alone">{t('presence.alone')}</p>
  return (
    <div className="collab__presence">
      <span id={labelId} className="collab__presence-label">
        {t('presence.label')}
      </span>
      <ul className="collab__people" aria-labelledby={labelId}>
        {others.map((person) => (
          <li key={person.userId ?? person.clientId} className="collab__person">
            <span className="collab__swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
            {person.organisation
              ? t('presence.person', { name: person.name, organisation: person.organisation })
              : person.name}
          </li>
        ))}
      </ul>
    </div>
  )
}
