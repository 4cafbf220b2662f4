import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docName } from '#core/collab/contract.ts'
import { $createMentionNode } from '#core/editor/mention-node.ts'
import { bindHeadless } from '#core/editor/headless.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { connect, startServer, token, waitFor } from './test-utils.ts'

let env: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  env = await startServer()
})
afterAll(() => env.stop())

const mentionsOf = (userId: string) =>
  env.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', 'mention').execute()

it('tells a mentioned team member once, with the author, and nobody outside the plan', async () => {
  const lead = await createUser(env.db, { name: 'Lea Lead' })
  const plan = await createPlan(env.db, lead.id, { title: 'Notes plan' })
  const ana = await createUser(env.db, { name: 'Ana Rojas' })
  await addMember(env.db, plan.id, ana.id, 'contributor', lead.id)
  const outsider = await createUser(env.db, { name: 'Olga Outsider' })
  const name = docName({ planId: plan.id, substep: '3.1' })

  // A Lexical client, as the browser's editor: bound before connecting, writing through Yjs.
  const editor = bindHeadless(new Y.Doc())
  const client = connect(env.url, name, token(lead.id, name, 'rw'), { doc: editor.doc })
  await client.synced()
  const mentionId = crypto.randomUUID()
  editor.editor.update(
    () =>
      $getRoot().append(
        $createParagraphNode().append(
          $createTextNode('Please check, '),
          $createMentionNode(ana.id, mentionId, '@Ana Rojas'),
          $createTextNode(' and '),
          $createMentionNode(outsider.id, crypto.randomUUID(), '@Olga Outsider'),
        ),
      ),
    { discrete: true },
  )
  await waitFor(async () => (await mentionsOf(ana.id)).length > 0, 30_000, 50)
  const [told] = await mentionsOf(ana.id)
  expect(told).toMatchObject({
    plan_id: plan.id,
    actor_id: lead.id,
    path: `/plans/${plan.id}/steps/3.1#team-notes`,
    dedupe_key: `mention:${mentionId}`,
  })
  expect(told!.params).toMatchObject({
    planTitle: 'Notes plan',
    actorName: 'Lea Lead',
    excerpt: 'Please check, @Ana Rojas and @Olga Outsider',
    where: 'notes',
    subject: 'substep',
    ref: '3.1',
  })

  // More edits and compactions find the same mention again: nobody is told twice.
  editor.editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('Later text'))), {
    discrete: true,
  })
  await waitFor(
    async () => (await CollabDocumentRepository.findRendering(env.db, name))?.plain_text.includes('Later text'),
    30_000,
    50,
  )
  expect(await mentionsOf(ana.id)).toHaveLength(1)
  expect(await mentionsOf(outsider.id)).toHaveLength(0)

  // The renderings (search, review) read the mention as "@Name"; the HTML marks whom it names.
  const rendering = await CollabDocumentRepository.findRendering(env.db, name)
  expect(rendering?.plain_text).toContain('Please check, @Ana Rojas and @Olga Outsider')
  expect(rendering?.html).toContain(`data-mention="${ana.id}"`)
  editor.dispose()
  client.destroy()
})
