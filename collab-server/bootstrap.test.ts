import { afterAll, beforeAll, expect, it } from 'vitest'
import { docName } from '#core/collab/contract.ts'
import { SUBSTEP_CODES } from '#core/substeps.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { connect, countBlocks, startServer, token, type TestClient } from './test-utils.ts'

// Two servers on one database, so that creation races across processes as well as connections.
let one: Awaited<ReturnType<typeof startServer>>
let two: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  ;[one, two] = await Promise.all([startServer(), startServer()])
})
afterAll(async () => {
  await Promise.all([one.stop(), two.stop()])
})

it('never duplicates initial content when several clients open a new document at once (100 trials)', async () => {
  const lead = await createUser(one.db)
  const names: string[] = []
  while (names.length < 100) {
    const plan = await createPlan(one.db, lead.id)
    names.push(
      docName({ planId: plan.id, substep: null }),
      ...SUBSTEP_CODES.map((substep) => docName({ planId: plan.id, substep })),
    )
  }
  const trials = names.slice(0, 100)
  // Ten documents at a time, four clients each, spread over both servers.
  for (let i = 0; i < trials.length; i += 10) {
    await Promise.all(
      trials.slice(i, i + 10).map(async (name) => {
        const clients: TestClient[] = [0, 1, 2, 3].map((k) =>
          connect((k % 2 ? one : two).url, name, token(lead.id, name, 'rw')),
        )
        try {
          await Promise.all(clients.map((c) => c.synced()))
          // Notes: one empty paragraph; the narrative: three headings, each with its paragraph.
          const expected = name.endsWith('narrative') ? 6 : 1
          for (const c of clients) expect(countBlocks(c.doc)).toBe(expected)
        } finally {
          clients.forEach((c) => c.destroy())
        }
      }),
    )
  }
}, 60_000)
