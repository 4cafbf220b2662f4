import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE_CODES, docName } from '#core/collab/contract.ts'
import { isEverythingSaved } from '#core/collab/saved.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { KNOWN_NODE_TYPES, unknownNodeTypes } from './node-types.ts'
import { appendElement, connect, countBlocks, startServer, token, waitFor, type TestClient } from './test-utils.ts'

let env: Awaited<ReturnType<typeof startServer>>
const clients: TestClient[] = []
beforeAll(async () => {
  env = await startServer()
})
afterAll(async () => {
  clients.forEach((c) => c.destroy())
  await env.stop()
})

describe('unknown Lexical node types', () => {
  it('knows the editor’s own types', () => {
    for (const type of [
      'root',
      'paragraph',
      'text',
      'linebreak',
      'heading',
      'list',
      'listitem',
      'link',
      'table',
      'tablecell',
    ]) {
      expect(KNOWN_NODE_TYPES.has(type)).toBe(true)
    }
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    appendElement(doc, 'paragraph', 'fine')
    appendElement(doc, 'evil-widget', 'not fine')
    expect(updates.map((u) => unknownNodeTypes(Y.decodeUpdate(u)))).toEqual([[], ['evil-widget']])
  })

  it('refuses an update that adds a node of an unknown type, stores nothing of it, and keeps serving others', async () => {
    const lead = await createUser(env.db)
    const plan = await createPlan(env.db, lead.id)
    const name = docName({ planId: plan.id, substep: '5.1' })
    const attacker = connect(env.url, name, token(lead.id, name, 'rw'), { reconnect: false })
    const editor = connect(env.url, name, token(lead.id, name, 'rw'), { ack: true, reconnect: false })
    clients.push(attacker, editor)
    await Promise.all([attacker.synced(), editor.synced()])
    const closed = new Promise<number>((resolve) =>
      attacker.provider.once('connection-close', (e) => resolve(e?.code ?? 0)),
    )
    appendElement(attacker.doc, 'evil-widget', 'payload')
    expect(await closed).toBe(CLOSE_CODES.unknownNodeType)
    appendElement(editor.doc, 'paragraph', 'still editing')
    await waitFor(() => isEverythingSaved(editor.doc, editor.lastAck))
    const fresh = connect(env.url, name, token(lead.id, name, 'ro'), { reconnect: false })
    clients.push(fresh)
    await fresh.synced()
    await waitFor(() => fresh.doc.get('root', Y.XmlText).toString().includes('still editing'))
    expect(fresh.doc.get('root', Y.XmlText).toString()).not.toContain('payload')
    // The server-made empty paragraph and the editor's one; nothing of the refused update.
    expect(countBlocks(fresh.doc)).toBe(2)
  })
})
