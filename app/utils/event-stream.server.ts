// One Server-Sent Events stream for the live parts of the portal (the plan pages' refresh, the
// bell's count): what each stream says is its own, the mechanics are shared here. A wake-up from
// the shared LISTEN connection runs `onWake`; bursts are coalesced (at most one run at a time, and
// one more after it if woken meanwhile). `onRecheck` runs every minute, so a stream whose reader
// lost access ends even when nothing changes. Either answers what to send, `denied` (the stream
// says so and ends: EventSource would otherwise reconnect for ever) or nothing; a throw means the
// database is unavailable, and the stream stays open for the next wake-up or recheck to decide.

const HEARTBEAT_MS = 25_000
const RECHECK_MS = 60_000

export type StreamStep = { event: string; data: unknown } | 'denied' | null

export interface EventStreamSpec {
  request: Request
  /** Subscribes to the wake-ups; returns the unsubscribe. */
  subscribe: (wake: () => void) => () => void
  onWake: () => Promise<StreamStep>
  onRecheck: () => Promise<StreamStep>
  /** Run `onWake` once as soon as the stream opens (the bell's first count). */
  wakeOnOpen?: boolean
}

export function eventStreamResponse(spec: EventStreamSpec): Response {
  const { request } = spec
  const encoder = new TextEncoder()
  let close = () => {}

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false
      let running = false
      let again = false
      const send = (text: string) => {
        if (closed) return
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          close()
        }
      }
      /** Sends what a step says; false once the stream has ended. */
      const apply = (step: StreamStep) => {
        if (step === 'denied') {
          send('event: denied\ndata: {}\n\n')
          close()
          return false
        }
        if (step) send(`event: ${step.event}\ndata: ${JSON.stringify(step.data)}\n\n`)
        return true
      }
      const wake = async () => {
        if (running) {
          again = true
          return
        }
        running = true
        try {
          do {
            again = false
            let step: StreamStep
            try {
              step = await spec.onWake()
            } catch {
              continue
            }
            if (!apply(step)) return
          } while (again && !closed)
        } finally {
          running = false
        }
      }
      const recheck = async () => {
        try {
          apply(await spec.onRecheck())
        } catch {
          // as above: the next recheck decides
        }
      }
      const unsubscribe = spec.subscribe(() => void wake())
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS)
      const recheckTimer = setInterval(() => void recheck(), RECHECK_MS)
      close = () => {
        if (closed) return
        closed = true
        unsubscribe()
        clearInterval(heartbeat)
        clearInterval(recheckTimer)
        request.signal.removeEventListener('abort', close)
        try {
          controller.close()
        } catch {
          // already closed by the client
        }
      }
      request.signal.addEventListener('abort', close)
      send('retry: 2000\n: connected\n\n')
      if (spec.wakeOnOpen) void wake()
    },
    cancel() {
      close()
    },
  })

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps the compression middleware from buffering the stream.
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  })
}
