// A benchmark child process hosting some of the typing clients, so that the clients of the 50-client
// workload are spread over several processes (and cores) and the harness measures the server rather
// than one saturated client process. Driven by the parent (steady.ts) over IPC.
//
// Latency uses a clock all processes on the machine share: wall-clock milliseconds with sub-ms
// resolution (performance.timeOrigin + performance.now()). Each update is identified by the Yjs id
// (client:clock) of its item (one character); senders report when they made it, receivers when they got it,
// each with the index of the server instance its client is connected to (--instances=N).
import * as Y from 'yjs'
import { benchClient, until, type BenchClient } from './clients.ts'

export interface TypistClient {
  doc: string
  token: string
  url: string
  /** Which of the benchmark's server instances `url` is. */
  instance: number
}

/** An update's id, when it was made or received (shared clock, ms), and the instance of that client. */
export type Timing = [key: string, at: number, instance: number]

export type TypistCommand =
  | { type: 'open'; clients: TypistClient[]; perSecond: number }
  | { type: 'start'; seconds: number }
  | { type: 'converge'; lengths: Record<string, number> }

export type TypistReport =
  | { type: 'ready' }
  | { type: 'stopped'; sentByDoc: Record<string, number> }
  | { type: 'result'; sent: Timing[]; received: Timing[] }
  | { type: 'error'; message: string }

const now = () => performance.timeOrigin + performance.now()
// The parent may have gone (time limit, failure): then there is nobody to report to.
const send = (report: TypistReport) => {
  if (process.connected) process.send!(report, (error: Error | null) => error && process.exit(0))
}

// `before`: the text's length once synced, before anyone typed (documents may be reused by a later phase).
let clients: { doc: string; instance: number; client: BenchClient; before: number }[] = []
let perSecond = 4
const sent: Timing[] = []
const received: Timing[] = []
const sentByDoc: Record<string, number> = {}

async function open(command: Extract<TypistCommand, { type: 'open' }>) {
  perSecond = command.perSecond
  clients = command.clients.map(({ doc, token, url, instance }) => {
    const client = benchClient(url, doc, token)
    client.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== client.provider) return
      const at = now()
      // One update may carry several keystrokes of a client (a row another instance stored for a
      // group commit holds all it had queued): every clock from..to is one keystroke received.
      const { from, to } = Y.parseUpdateMeta(update)
      for (const [c, clock] of from) {
        for (let k = clock; k < (to.get(c) ?? clock + 1); k++) received.push([`${c}:${k}`, at, instance])
      }
    })
    return { doc, instance, client, before: 0 }
  })
  await Promise.all(clients.map((c) => c.client.synced()))
  for (const c of clients) c.before = c.client.text.length
  send({ type: 'ready' })
}

async function type(seconds: number) {
  const interval = 1000 / perSecond
  const timers: NodeJS.Timeout[] = []
  for (const { doc, instance, client } of clients) {
    const keystroke = () => {
      sent.push([`${client.doc.clientID}:${Y.getState(client.doc.store, client.doc.clientID)}`, now(), instance])
      client.text.insert(0, 'x')
      sentByDoc[doc] = (sentByDoc[doc] ?? 0) + 1
    }
    // Random phases, so that the clients do not all type in the same millisecond.
    timers.push(setTimeout(() => timers.push(setInterval(keystroke, interval)), Math.random() * interval))
  }
  await new Promise((r) => setTimeout(r, seconds * 1000))
  timers.forEach((t) => clearTimeout(t))
  timers.forEach((t) => clearInterval(t))
  send({ type: 'stopped', sentByDoc })
}

async function converge(lengths: Record<string, number>) {
  await until(
    () => clients.every(({ doc, client, before }) => client.text.length >= before + (lengths[doc] ?? 0)),
    60_000,
    'every client to receive every keystroke',
  )
  clients.forEach(({ client }) => client.destroy())
  send({ type: 'result', sent, received })
}

process.on('message', (command: TypistCommand) => {
  const run =
    command.type === 'open'
      ? open(command)
      : command.type === 'start'
        ? type(command.seconds)
        : converge(command.lengths)
  run.catch((error: unknown) =>
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  )
})
process.on('disconnect', () => process.exit(0))
