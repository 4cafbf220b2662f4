import { Link, useFetcher } from '@remix-run/react'
import { createContext, useContext, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormErrors } from '../../components/forms.tsx'
import { IdempotencyKey } from '../../components/IdempotencyKey.tsx'
import { FetcherSaveFailed } from '../../components/SaveFailed.tsx'
import { isLoadFailure, isSaveFailure, type LoadFailure } from '../../utils/save-failure.ts'
import { formatDateTime } from '../../utils/locales.ts'
import { MentionText } from '../../components/mentions/MentionText.tsx'
import { MentionTextarea } from '../../components/mentions/MentionTextarea.tsx'
import { type MentionPerson } from '../../components/mentions/people.ts'
import { clearSaved } from './clearSaved.ts'

export type CommentSubjectType = 'item' | 'substep' | 'plan'

/** What every comment toggle on a page needs: the plan, the counts per subject, and whether one may write. */
export interface CommentsContextValue {
  planId: string
  /** Comment counts per item id (subject_type 'item'). */
  counts: Record<string, number>
  canComment: boolean
  /** Whether this person resolves review comments (the lead). */
  canResolve?: boolean
}

export const CommentsContext = createContext<CommentsContextValue | null>(null)

/**
 * Provides the comment context and readies the thread route while the page is online. Remix
 * discovers a route and fetches its module on first use; a thread first opened (or a comment first
 * posted) offline would then fail before our own offline handling runs, and the error page would
 * replace what was being typed. A link Remix is told to prefetch makes it discover the route and
 * preload its module; the thread's data is not prefetched (its clientLoader opts it out), only the
 * root and plan layout loaders once, at low priority (ADR 038).
 */
export function CommentsProvider({ value, children }: { value: CommentsContextValue; children: React.ReactNode }) {
  return (
    <CommentsContext.Provider value={value}>
      {children}
      <Link to={`/plans/${value.planId}/comments`} prefetch="render" hidden tabIndex={-1} aria-hidden="true" />
    </CommentsContext.Provider>
  )
}

export function useComments() {
  return useContext(CommentsContext)
}

interface CommentView {
  id: string
  parent_id: string | null
  body: string
  created_at: string | Date
  author_name: string | null
  author_organisation: string | null
  author_organisation_name: string | null
  is_review?: boolean
  resolved_at?: string | Date | null
}

interface ThreadData {
  comments: CommentView[]
  canComment: boolean
  /** Whom "@" offers (ADR 062); empty for someone who may not comment. */
  mentionable?: MentionPerson[]
}

interface PostData {
  result: { status?: string; error?: Record<string, string[] | null> | null } | null
  comments: CommentView[] | null
}

/** The "Comments (n)" button that shows or hides a thread. */
export function CommentToggle({
  count,
  expanded,
  controls,
  onToggle,
  subject,
}: {
  count: number
  expanded: boolean
  controls: string
  onToggle: () => void
  subject?: string
}) {
  const { t } = useTranslation('worksheets')
  return (
    <button
      type="button"
      className="button button--small button--quiet comment-toggle"
      aria-expanded={expanded}
      aria-controls={controls}
      aria-label={subject ? t('comments.toggleFor', { count, subject }) : undefined}
      onClick={onToggle}
    >
      {t('comments.toggle', { count })}
    </button>
  )
}

/** A toggle and its thread in one block (sub-step pages, tree nodes, cards). */
export function CommentThread({
  subjectType,
  subjectId,
  count,
  subject,
}: {
  subjectType: CommentSubjectType
  subjectId: string
  count?: number
  subject?: string
}) {
  const ctx = useComments()
  const [open, setOpen] = useState(false)
  const id = useId()
  if (!ctx) return null
  const n = count ?? (subjectType === 'item' ? (ctx.counts[subjectId] ?? 0) : 0)
  return (
    <div className="comment-thread">
      <CommentToggle count={n} expanded={open} controls={id} onToggle={() => setOpen((o) => !o)} subject={subject} />
      {open ? <CommentPanel id={id} subjectType={subjectType} subjectId={subjectId} /> : <div id={id} hidden />}
    </div>
  )
}

/** The thread itself: loaded when shown, with replies indented and a form to add or reply. */
export function CommentPanel({
  id,
  subjectType,
  subjectId,
}: {
  id: string
  subjectType: CommentSubjectType
  subjectId: string
}) {
  const { t } = useTranslation('worksheets')
  const ctx = useComments()
  const loader = useFetcher<ThreadData | LoadFailure>()
  const poster = useFetcher<PostData>()
  const [replyTo, setReplyTo] = useState<string | null>(null)
  const planId = ctx?.planId ?? ''
  const url = `/plans/${planId}/comments?subjectType=${subjectType}&subjectId=${encodeURIComponent(subjectId)}`
  const { load } = loader
  useEffect(() => {
    load(url)
  }, [load, url])
  const loadFailed = isLoadFailure(loader.data) ? loader.data.loadFailed : null
  // Back online after a failed load: load again by itself (the button is there for a server failure).
  useEffect(() => {
    if (loadFailed?.reason !== 'offline') return
    const onOnline = () => load(url)
    window.addEventListener('online', onOnline)
    return () => window.removeEventListener('online', onOnline)
  }, [loadFailed?.reason, load, url])

  const loaded = isLoadFailure(loader.data) ? undefined : loader.data?.comments
  const posted = poster.data?.comments
  const comments = posted && (!loaded || posted.length >= loaded.length) ? posted : loaded
  const canComment = ctx?.canComment ?? false
  const people = (isLoadFailure(loader.data) ? undefined : loader.data?.mentionable) ?? []
  const children = new Map<string | null, CommentView[]>()
  for (const c of comments ?? []) children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c])

  const renderList = (parentId: string | null, depth: number): React.ReactNode => {
    const list = children.get(parentId)
    if (!list?.length) return null
    return (
      <ol className={depth === 0 ? 'comment-list' : 'comment-list comment-list--replies'}>
        {list.map((c) => (
          <li key={c.id}>
            <article
              className="comment"
              aria-label={t('comments.by', { name: c.author_name ?? t('comments.unknownAuthor') })}
            >
              <p className="comment__meta">
                <strong>{c.author_name ?? t('comments.unknownAuthor')}</strong>
                {c.author_organisation || c.author_organisation_name ? (
                  <>
                    {' · '}
                    <abbr title={c.author_organisation_name ?? undefined}>
                      {c.author_organisation ?? c.author_organisation_name}
                    </abbr>
                  </>
                ) : null}
                {' · '}
                <CommentTime value={c.created_at} />
              </p>
              {c.is_review ? (
                <p className="comment__review">
                  <span className={c.resolved_at ? 'pill pill--done' : 'pill pill--in_progress'}>
                    {c.resolved_at ? t('comments.reviewResolved') : t('comments.reviewOpen')}
                  </span>
                  {ctx?.canResolve ? (
                    <poster.Form method="post" action={`/plans/${planId}/comments`} className="inline-form">
                      <input type="hidden" name="intent" value="review:resolve" />
                      <input type="hidden" name="id" value={c.id} />
                      <input type="hidden" name="resolved" value={c.resolved_at ? 'false' : 'true'} />
                      <button type="submit" className="button button--small">
                        {c.resolved_at ? t('comments.reopen') : t('comments.resolve')}
                      </button>
                    </poster.Form>
                  ) : null}
                </p>
              ) : null}
              <p className="comment__body prewrap">
                <MentionText body={c.body} />
              </p>
              {canComment ? (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => setReplyTo(replyTo === c.id ? null : c.id)}
                  aria-expanded={replyTo === c.id}
                >
                  {t('comments.reply')}
                </button>
              ) : null}
              {replyTo === c.id ? (
                <CommentForm
                  fetcher={poster}
                  people={people}
                  subjectType={subjectType}
                  subjectId={subjectId}
                  parentId={c.id}
                  onDone={() => setReplyTo(null)}
                />
              ) : null}
            </article>
            {renderList(c.id, depth + 1)}
          </li>
        ))}
      </ol>
    )
  }

  return (
    <section id={id} className="comment-panel" aria-label={t('comments.title')}>
      {loadFailed && comments === undefined ? (
        <div className="alert alert--error" role="alert">
          <p>{loadFailed.reason === 'offline' ? t('comments.loadFailedOffline') : t('comments.loadFailed')}</p>
          <button
            type="button"
            className="button button--small"
            onClick={() => load(url)}
            disabled={loader.state !== 'idle'}
          >
            {t('comments.loadAgain')}
          </button>
        </div>
      ) : comments === undefined ? (
        <p role="status">{t('comments.loading')}</p>
      ) : comments.length === 0 ? (
        <p className="empty-state">{t('comments.empty')}</p>
      ) : (
        renderList(null, 0)
      )}
      {canComment ? (
        replyTo === null ? (
          <CommentForm fetcher={poster} people={people} subjectType={subjectType} subjectId={subjectId} />
        ) : null
      ) : (
        <p className="field__hint">{t('comments.readOnly')}</p>
      )}
    </section>
  )
}

function CommentTime({ value }: { value: string | Date }) {
  const { i18n } = useTranslation()
  return <time dateTime={new Date(value).toISOString()}>{formatDateTime(value, i18n.language)}</time>
}

type Poster = ReturnType<typeof useFetcher<PostData>>

function CommentForm({
  fetcher,
  people,
  subjectType,
  subjectId,
  parentId,
  onDone,
}: {
  fetcher: Poster
  people: readonly MentionPerson[]
  subjectType: CommentSubjectType
  subjectId: string
  parentId?: string
  onDone?: () => void
}) {
  const { t } = useTranslation('worksheets')
  const ctx = useComments()
  const formRef = useRef<HTMLFormElement>(null)
  const fieldId = useId()
  const [submitted, setSubmitted] = useState(false)
  const sent = useRef<FormData | null>(null)
  const errors = submitted ? fetcher.data?.result?.error : undefined
  // A save that failed (offline, server error) is no success: the comment stays in the box.
  const ok =
    submitted &&
    fetcher.state === 'idle' &&
    fetcher.data !== undefined &&
    !isSaveFailure(fetcher.data) &&
    fetcher.data.result?.status !== 'error'
  useEffect(() => {
    if (!ok) return
    if (formRef.current && sent.current) clearSaved(formRef.current, sent.current)
    setSubmitted(false)
    onDone?.()
  }, [ok, onDone])
  return (
    <fetcher.Form
      method="post"
      action={`/plans/${ctx?.planId ?? ''}/comments`}
      ref={formRef}
      className="comment-form"
      onSubmit={(e) => {
        sent.current = new FormData(e.currentTarget)
        setSubmitted(true)
      }}
      noValidate
    >
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <IdempotencyKey answer={submitted && fetcher.state === 'idle' ? fetcher.data : undefined} />
      <FormErrors errors={(errors?.[''] ?? errors?.parentId ?? undefined) || undefined} />
      <FetcherSaveFailed fetcher={fetcher} />
      <div className="field field--wide">
        <label htmlFor={fieldId}>{parentId ? t('comments.replyLabel') : t('comments.label')}</label>
        <MentionTextarea
          people={people}
          id={fieldId}
          name="body"
          rows={parentId ? 2 : 3}
          maxLength={5000}
          required
          aria-invalid={errors?.body?.length ? true : undefined}
          aria-describedby={errors?.body?.length ? `${fieldId}-error` : undefined}
        />
        <FieldErrors id={`${fieldId}-error`} errors={errors?.body ?? undefined} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--small button--primary" disabled={fetcher.state !== 'idle'}>
          {parentId ? t('comments.postReply') : t('comments.post')}
        </button>
        {onDone ? (
          <button type="button" className="button button--small button--quiet" onClick={onDone}>
            {t('cancel')}
          </button>
        ) : null}
        {fetcher.state !== 'idle' ? <span role="status">{t('saving')}</span> : null}
      </div>
    </fetcher.Form>
  )
}
