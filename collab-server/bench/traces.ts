// Editing traces (josephg/editing-traces format) turned into Yjs updates for the benchmark.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import * as Y from 'yjs'

export const TRACES_DIR = process.env.TRACES_DIR ?? path.resolve('../shared/data/editing-traces')

type Patch = [position: number, deleted: number, inserted: string]
interface SequentialTrace {
  startContent: string
  endContent: string
  txns: { patches: Patch[] }[]
}
interface ConcurrentTrace {
  endContent: string
  numAgents: number
  txns: { parents: number[]; agent: number; patches: Patch[] }[]
}

function load<T>(relative: string): T {
  const trace = JSON.parse(gunzipSync(readFileSync(path.join(TRACES_DIR, relative))).toString('utf8')) as T & {
    txns: { patches: Patch[] }[]
  }
  // Positions are code points; Y.Text counts UTF-16 units. They agree unless astral characters occur.
  for (const t of trace.txns)
    for (const [, , ins] of t.patches)
      if (/[\uD800-\uDFFF]/.test(ins)) throw new Error(`${relative}: astral characters are not supported`)
  return trace
}

export function loadSequential(relative: string): SequentialTrace {
  return load<SequentialTrace>(relative)
}

export function applyPatches(text: Y.Text, patches: Patch[]): void {
  for (const [pos, del, ins] of patches) {
    if (del > 0) text.delete(pos, del)
    if (ins) text.insert(pos, ins)
  }
}

const EMPTY_UPDATE = new Uint8Array([0, 0])

export interface ConcurrentStep {
  agent: number
  /** The agent's transaction as a Yjs update (dependencies are earlier steps). */
  update: Uint8Array
  /** State vector the agent's document must have reached before this step is typed. */
  needs: Map<number, number>
}

/**
 * Replays a concurrent trace locally, one Y.Doc per agent: before each transaction the agent's doc
 * is brought to exactly the merged state of the transaction's parents, then the patches are typed.
 * The captured per-transaction updates can then be sent by networked clients in trace order.
 */
export function prepareConcurrent(relative: string): { steps: ConcurrentStep[]; endContent: string; agents: number } {
  const trace = load<ConcurrentTrace>(relative)
  const docs = Array.from({ length: trace.numAgents }, (_, i) => {
    const doc = new Y.Doc()
    doc.clientID = 1_000 + i
    return doc
  })
  const known = docs.map(() => new Uint8Array(trace.txns.length))
  const updates: Uint8Array[] = []
  const steps: ConcurrentStep[] = []
  trace.txns.forEach((txn, i) => {
    const doc = docs[txn.agent]!
    const mine = known[txn.agent]!
    const missing: number[] = []
    const stack = [...txn.parents]
    while (stack.length > 0) {
      const p = stack.pop()!
      if (mine[p]) continue
      mine[p] = 1
      missing.push(p)
      stack.push(...trace.txns[p]!.parents)
    }
    missing.sort((a, b) => a - b).forEach((p) => Y.applyUpdate(doc, updates[p]!))
    const needs = Y.decodeStateVector(Y.encodeStateVector(doc))
    let captured = EMPTY_UPDATE
    const onUpdate = (u: Uint8Array) => (captured = u)
    doc.on('update', onUpdate)
    doc.transact(() => applyPatches(doc.getText('t'), txn.patches))
    doc.off('update', onUpdate)
    mine[i] = 1
    updates.push(captured)
    steps.push({ agent: txn.agent, update: captured, needs })
  })
  const check = new Y.Doc()
  updates.forEach((u) => Y.applyUpdate(check, u))
  if (check.getText('t').toString() !== trace.endContent)
    throw new Error(`${relative}: local replay does not reach endContent`)
  docs.forEach((d) => d.destroy())
  return { steps, endContent: trace.endContent, agents: trace.numAgents }
}
