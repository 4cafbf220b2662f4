import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docName } from '#core/collab/contract.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { bindHeadless } from '#core/editor/headless.ts'
import { connect, countHeadings, startServer, token, waitFor } from './test-utils.ts'

let env: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  env = await startServer()
})
afterAll(() => env.stop())

it('serves Lexical content that a Lexical client edits, and renders those edits', async () => {
  const lead = await createUser(env.db)
  const plan = await createPlan(env.db, lead.id, { workingLanguage: 'fr' })
  const name = docName({ planId: plan.id, substep: null })
  // Bound before connecting, as CollaborationPlugin does (with shouldBootstrap false).
  const editor = bindHeadless(new Y.Doc())
  const client = connect(env.url, name, token(lead.id, name, 'rw'), { doc: editor.doc })
  await client.synced()
  editor.editor.update(() => {}, { discrete: true })
  expect(editor.editor.getEditorState().read(() => $getRoot().getTextContent())).toContain('Contexte')
  editor.editor.update(
    () => $getRoot().append($createParagraphNode().append($createTextNode('Bonjour depuis Lexical'))),
    { discrete: true },
  )
  expect(countHeadings(client.doc)).toBe(3)
  await waitFor(
    async () =>
      (await CollabDocumentRepository.findRendering(env.db, name))?.plain_text.includes('Bonjour depuis Lexical'),
    5_000,
    50,
  )
  const rendering = await CollabDocumentRepository.findRendering(env.db, name)
  expect(rendering?.html).toContain('Bonjour depuis Lexical')
  expect(rendering?.plain_text.startsWith('Résumé')).toBe(true)
  editor.dispose()
  client.destroy()
})
