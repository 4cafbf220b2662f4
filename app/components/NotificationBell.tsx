import { Link } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

const MAX_RETRY_MS = 30_000

/** Opens the bell's event stream; `onCount` hears every count it sends. Returns the stop function. */
function openCountStream(onCount: (unread: number) => void): () => void {
  let source: EventSource | null = null
  let retry: ReturnType<typeof setTimeout> | undefined
  let failures = 0
  let stopped = false
  const open = () => {
    if (stopped) return
    const es = new EventSource('/notifications/events')
    source = es
    es.addEventListener('count', (event) => {
      const unread = Number((JSON.parse((event as MessageEvent<string>).data) as { unread: unknown }).unread)
      if (Number.isInteger(unread) && unread >= 0) onCount(unread)
    })
    // The session it was opened with ended (signed out, or in again in another tab): the next
    // attempt goes with whatever session the browser holds now, backing off while there is none.
    es.addEventListener('denied', () => {
      es.close()
      again()
    })
    es.onopen = () => {
      failures = 0
    }
    es.onerror = () => {
      // EventSource retries network errors itself; it gives up on an HTTP error (401, 502…).
      if (es.readyState === EventSource.CLOSED) again()
    }
  }
  const again = () => {
    if (stopped) return
    clearTimeout(retry)
    const delay = Math.min(MAX_RETRY_MS, 1_000 * 2 ** failures++) * (0.5 + Math.random() / 2)
    retry = setTimeout(open, delay)
  }
  open()
  return () => {
    stopped = true
    clearTimeout(retry)
    source?.close()
  }
}

/**
 * The person's unread count as the server last said it: the page's own (root loader, right
 * without scripts), then every count the bell stream sends (ADR 061). One tab of the browser holds
 * the stream (a Web Lock per person) and passes each count to the others (a BroadcastChannel), so
 * that many open tabs do not use up the six connections a browser allows a site over HTTP/1.1.
 */
function useUnreadCount(userId: string, initial: number) {
  const [count, setCount] = useState(initial)
  const [announced, setAnnounced] = useState('')
  const lastRef = useRef(initial)
  const { t } = useTranslation()
  const tRef = useRef(t)
  tRef.current = t

  useEffect(() => {
    lastRef.current = initial
    setCount(initial)
  }, [initial])

  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    const apply = (unread: number) => {
      // Only a change is announced: the count the page opened with is already in the bell's name.
      if (unread !== lastRef.current) setAnnounced(tRef.current('nav.notificationsUnread', { count: unread }))
      lastRef.current = unread
      setCount(unread)
    }
    const name = `scp-notifications-${userId}`
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name)
    channel?.addEventListener('message', (event: MessageEvent<{ unread?: unknown }>) => {
      const unread = Number(event.data?.unread)
      if (Number.isInteger(unread) && unread >= 0) apply(unread)
    })
    const done = new AbortController()
    let stop = () => {}
    const lead = () => {
      if (done.signal.aborted) return Promise.resolve()
      stop = openCountStream((unread) => {
        apply(unread)
        channel?.postMessage({ unread })
      })
      // Held until this page goes: another tab then takes the stream over.
      return new Promise<void>((resolve) => done.signal.addEventListener('abort', () => resolve()))
    }
    if (channel && typeof navigator !== 'undefined' && navigator.locks)
      navigator.locks.request(name, { signal: done.signal }, lead).catch(() => {})
    else void lead()
    return () => {
      done.abort()
      stop()
      channel?.close()
    }
  }, [userId])
  return { count, announced }
}

/** The header's bell: a link to the notifications page whose name says how many are unread. */
export function NotificationBell({ userId, unread }: { userId: string; unread: number }) {
  const { t } = useTranslation()
  const { count, announced } = useUnreadCount(userId, unread)
  const shown = count > 99 ? '99+' : String(count)
  return (
    <>
      <Link
        to="/notifications"
        className="notification-bell"
        data-unread={count > 0 ? '' : undefined}
        aria-label={count > 0 ? t('nav.notificationsWithUnread', { count }) : t('nav.notifications')}
      >
        <svg className="notification-bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.5A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm0 19a3 3 0 0 0 2.8-2H9.2a3 3 0 0 0 2.8 2Z"
            fill="currentColor"
          />
        </svg>
        {count > 0 ? (
          <span className="notification-bell__count" aria-hidden="true">
            {shown}
          </span>
        ) : null}
      </Link>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </span>
    </>
  )
}
