// Keeps an open plan page live: listens to /plans/:planId/events (Server-Sent Events) and reloads
// the page's data shortly after someone changes the plan. Browser side.
import { useFetchers, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'

const DEBOUNCE_MS = 250
const MAX_RETRY_MS = 30_000

export function usePlanEvents(planId: string) {
  const { revalidate } = useRevalidator()
  const navigation = useNavigation()
  const fetchers = useFetchers()
  // A submission in flight is followed by Remix's own revalidation; an event then waits for it.
  const busy = navigation.state !== 'idle' || fetchers.some((f) => f.state !== 'idle')
  const busyRef = useRef(busy)
  const revalidateRef = useRef(revalidate)
  const waitingRef = useRef(false)
  busyRef.current = busy
  revalidateRef.current = revalidate

  useEffect(() => {
    if (!busy && waitingRef.current && navigator.onLine) {
      waitingRef.current = false
      revalidateRef.current()
    }
  }, [busy])

  useEffect(() => {
    if (typeof EventSource === 'undefined') return
    let source: EventSource | null = null
    let debounce: ReturnType<typeof setTimeout> | undefined
    let retry: ReturnType<typeof setTimeout> | undefined
    let failures = 0
    let opened = false
    let stopped = false

    const refresh = () => {
      clearTimeout(debounce)
      debounce = setTimeout(() => {
        // Offline, a reload would fail and replace the page with an error: wait for the stream to reopen.
        if (busyRef.current || !navigator.onLine) waitingRef.current = true
        else revalidateRef.current()
      }, DEBOUNCE_MS)
    }
    const open = () => {
      if (stopped) return
      const es = new EventSource(`/plans/${encodeURIComponent(planId)}/events`)
      source = es
      es.addEventListener('change', refresh)
      es.addEventListener('denied', () => {
        es.close()
        refresh() // the reload shows what the person may still see
      })
      es.onopen = () => {
        // Changes made while the stream was down were missed: catch up once.
        if (opened) refresh()
        opened = true
        failures = 0
      }
      es.onerror = () => {
        // EventSource retries network errors itself; it gives up on an HTTP error (502, 404…).
        if (es.readyState !== EventSource.CLOSED || stopped) return
        const delay = Math.min(MAX_RETRY_MS, 1_000 * 2 ** failures++) * (0.5 + Math.random() / 2)
        retry = setTimeout(open, delay)
      }
    }
    open()
    return () => {
      stopped = true
      clearTimeout(debounce)
      clearTimeout(retry)
      source?.close()
    }
  }, [planId])
}
