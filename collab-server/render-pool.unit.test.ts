import { afterEach, describe, expect, it } from 'vitest'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import * as Y from 'yjs'
import { type StoredDocumentUpdates } from '#core/collab/read-document.ts'
import { bindHeadless } from '#core/editor/headless.ts'
import { silentLogger } from '#core/log.server.ts'
import { buildAndRender } from './render.ts'
import { WorkerRenderer } from './render-pool.ts'
import { createInitialState } from './seed.ts'

const renderers: WorkerRenderer[] = []
afterEach(async () => {
  await Promise.all(renderers.splice(0).map((r) => r.close()))
})

function narrativeWithTail(): StoredDocumentUpdates {
  const initial = createInitialState({ planId: '00000000-0000-4000-8000-000000000000', substep: null }, 'fr')
  const doc = new Y.Doc()
  Y.applyUpdate(doc, initial)
  const before = Y.encodeStateVector(doc)
  // A paragraph added through Lexical, as a co-author's editor would.
  const headless = bindHeadless(doc)
  headless.editor.update(
    () => $getRoot().append($createParagraphNode().append($createTextNode('Les inspections saisonnières'))),
    { discrete: true },
  )
  headless.dispose()
  return { state: initial, tail: [{ seq: 1, update: Y.encodeStateAsUpdate(doc, before) }] }
}

describe('WorkerRenderer', () => {
  it('merges and renders in a worker thread exactly as on the main thread, reporting unreadable updates', async () => {
    const renderer = new WorkerRenderer(silentLogger)
    renderers.push(renderer)
    const narrative = narrativeWithTail()
    const stored = { ...narrative, tail: [...narrative.tail, { seq: 2, update: new Uint8Array([1, 2, 3]) }] }
    const unreadable: number[] = []
    const result = await renderer.build(stored, ({ seq }) => unreadable.push(seq))
    const inline = buildAndRender(stored)
    expect(result.plainText).toBe(inline.plainText)
    expect(result.plainText).toContain('Les inspections saisonnières')
    expect(result.html).toBe(inline.html)
    expect(Buffer.from(result.state).equals(Buffer.from(inline.state))).toBe(true)
    expect(unreadable).toEqual([2])
  })

  it('refuses to build on an unreadable snapshot rather than render what little the tail holds', async () => {
    const renderer = new WorkerRenderer(silentLogger)
    renderers.push(renderer)
    const { tail } = narrativeWithTail()
    await expect(renderer.build({ state: new Uint8Array([1, 2, 3]), tail }, () => {})).rejects.toThrow(
      /unreadable snapshot/,
    )
    expect(() => buildAndRender({ state: new Uint8Array([1, 2, 3]), tail })).toThrow(/unreadable snapshot/)
  })

  it('fails the requests in flight when the worker dies, and serves the next one with a new worker', async () => {
    const renderer = new WorkerRenderer(silentLogger)
    renderers.push(renderer)
    const inFlight = renderer.build(narrativeWithTail(), () => {})
    // Kill the worker behind the renderer's back, as a crash would.
    await (renderer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate()
    await expect(inFlight).rejects.toThrow(/exited/)
    const next = await renderer.build(narrativeWithTail(), () => {})
    expect(next.plainText).toContain('Les inspections saisonnières')
  })
})
