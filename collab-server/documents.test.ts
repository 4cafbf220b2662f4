import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docName } from '#core/collab/contract.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { silentLogger } from '#core/log.server.ts'
import { userColor } from './awareness.ts'
import { compactDocument } from './persistence.ts'
import { inlineRenderer } from './render-pool.ts'
import { clientPool, connect, startServer, token, waitFor } from './test-utils.ts'

let env: Awaited<ReturnType<typeof startServer>>
// Every client a test opens is destroyed after the file's tests.
const { open, destroyAll } = clientPool()
beforeAll(async () => {
  env = await startServer()
})
afterAll(async () => {
  destroyAll()
  await env.stop()
})

describe('presence', () => {
  it('overwrites identity from the database and keeps viewers to presence only', async () => {
    const lead = await createUser(env.db, { name: 'Ana Lead' })
    const viewer = await createUser(env.db, { name: 'Val Viewer', constituency: 'employers' })
    const plan = await createPlan(env.db, lead.id)
    await addMember(env.db, plan.id, viewer.id, 'viewer', lead.id)
    const name = docName({ planId: plan.id, substep: '4.1' })
    const editor = open(env.url, name, token(lead.id, name, 'rw'))
    const watcher = open(env.url, name, token(viewer.id, name, 'ro'))
    await Promise.all([editor.synced(), watcher.synced()])
    editor.provider.awareness.setLocalState({ name: 'Someone Else', color: '#000', anchorPos: 5, focusing: true })
    watcher.provider.awareness.setLocalState({ name: 'Fake Editor', anchorPos: 9, focusPos: 9, focusing: true })
    const editorId = editor.doc.clientID
    const watcherId = watcher.doc.clientID
    await waitFor(() => watcher.provider.awareness.getStates().get(editorId)?.name === 'Ana Lead')
    expect(watcher.provider.awareness.getStates().get(editorId)).toMatchObject({
      color: userColor(lead.id),
      userId: lead.id,
      anchorPos: 5,
    })
    await waitFor(() => editor.provider.awareness.getStates().get(watcherId)?.name === 'Val Viewer')
    expect(editor.provider.awareness.getStates().get(watcherId)).toMatchObject({
      anchorPos: null,
      focusPos: null,
      focusing: false,
    })
  })
})

describe('document lifecycle', () => {
  it('compacts and unloads a document once its last connection has gone', async () => {
    const lead = await createUser(env.db)
    const plan = await createPlan(env.db, lead.id)
    const name = docName({ planId: plan.id, substep: '5.1' })
    const c = connect(env.url, name, token(lead.id, name, 'rw'))
    await c.synced()
    c.text.insert(0, 'persist me')
    await waitFor(async () => (await CollabDocumentRepository.countTail(env.db, name)) > 0)
    c.destroy()
    await waitFor(() => !env.server.isLoaded(name), 20_000) // the render worker may still be starting
    expect(await CollabDocumentRepository.countTail(env.db, name)).toBe(0)
    const again = open(env.url, name, token(lead.id, name, 'ro'))
    await again.synced()
    expect(again.text.toString()).toBe('persist me')
  })

  it('compacts a document on one connection at a time; a second compaction meanwhile leaves it', async () => {
    const lead = await createUser(env.db)
    const plan = await createPlan(env.db, lead.id)
    const name = docName({ planId: plan.id, substep: '6.2' })
    // Written directly, so that no room of this server schedules a compaction of its own.
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    await CollabDocumentRepository.insertIfAbsent(env.db, {
      name,
      planId: plan.id,
      state: empty,
      plainText: '',
      html: '',
    })
    const edit = new Y.Doc()
    edit.getText('t').insert(0, 'fold me')
    await CollabDocumentRepository.appendUpdates(env.db, [{ docName: name, update: Y.encodeStateAsUpdate(edit) }])
    let release = () => {}
    let building = () => {}
    const built = new Promise<void>((resolve) => (building = resolve))
    const first = CollabDocumentRepository.compact(env.db, name, async (stored) => {
      building()
      await new Promise<void>((resolve) => (release = resolve))
      return { state: stored.state, plainText: '', html: '' }
    })
    await built
    // Another instance's compaction does not queue behind the first one's lock: it skips.
    const second = CollabDocumentRepository.compact(env.db, name, () => {
      throw new Error('must not build while another compaction runs')
    })
    await expect(second).resolves.toBeNull()
    release()
    await expect(first).resolves.toBeGreaterThan(0)
  })

  it('leaves a document whose snapshot is unreadable as it is, tail included, instead of compacting it', async () => {
    const lead = await createUser(env.db)
    const plan = await createPlan(env.db, lead.id)
    const name = docName({ planId: plan.id, substep: '5.2' })
    const unreadable = new Uint8Array([9, 9, 9])
    await CollabDocumentRepository.insertIfAbsent(env.db, {
      name,
      planId: plan.id,
      state: unreadable,
      plainText: 'kept',
      html: '',
    })
    await CollabDocumentRepository.appendUpdates(env.db, [{ docName: name, update: new Uint8Array([0, 0]) }])
    await expect(compactDocument(env.db, name, silentLogger, inlineRenderer, { force: true })).rejects.toThrow(
      /unreadable snapshot/,
    )
    const stored = await CollabDocumentRepository.findForLoad(env.db, name)
    expect(Buffer.from(stored!.state).equals(Buffer.from(unreadable))).toBe(true)
    expect(stored!.tail).toHaveLength(1)
    expect((await CollabDocumentRepository.findRendering(env.db, name))?.plain_text).toBe('kept')
  })
})
