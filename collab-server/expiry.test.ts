import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, MESSAGE_TOKEN, TOKEN_TTL_SECONDS, docName } from '#core/collab/contract.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { mintCollabToken } from '#core/collab/token.server.ts'
import { SECRET, connect, startServer, token, waitFor, type TestClient } from './test-utils.ts'

let env: Awaited<ReturnType<typeof startServer>>
const clients: TestClient[] = []

beforeAll(async () => {
  env = await startServer()
})
afterAll(async () => {
  clients.forEach((c) => c.destroy())
  await env.stop()
})

/** Issued so that it expires 2.5–3.5 s from now (expiry has a resolution of one second). */
const soon = () => Date.now() - TOKEN_TTL_SECONDS * 1000 + 3_500

function refreshFrame(tokenValue: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_TOKEN)
  encoding.writeVarString(encoder, tokenValue)
  return encoding.toUint8Array(encoder)
}

async function setup() {
  const lead = await createUser(env.db)
  const plan = await createPlan(env.db, lead.id)
  const coauthor = await createUser(env.db, { constituency: 'workers' })
  await addMember(env.db, plan.id, coauthor.id, 'coauthor', lead.id)
  const name = docName({ planId: plan.id, substep: '3.1' })
  const open = (userId: string, tokenValue: string) => {
    const client = connect(env.url, name, tokenValue, { reconnect: false })
    clients.push(client)
    return client
  }
  return { lead, coauthor, name, open }
}

describe('token expiry on open connections', () => {
  it('closes a connection with tokenExpired once its token expires', async () => {
    const { lead, name, open } = await setup()
    const client = open(lead.id, token(lead.id, name, 'rw', soon()))
    await client.synced()
    await waitFor(() => client.closeCodes.length > 0, 10_000)
    expect(client.closeCodes).toEqual([CLOSE_CODES.tokenExpired])
  })

  it('keeps a connection open past the first expiry when the client sends a fresh token in time', async () => {
    const { lead, coauthor, name, open } = await setup()
    const first = mintCollabToken({ sub: lead.id, doc: name, mode: 'rw' }, SECRET(), soon())
    const a = open(lead.id, first.token)
    const b = open(coauthor.id, token(coauthor.id, name, 'rw'))
    await Promise.all([a.synced(), b.synced()])
    a.provider.ws!.send(refreshFrame(token(lead.id, name, 'rw')))
    // Until just past the first token's expiry (rather than a flat 4 s): the server runs in this
    // process, so its expiry timer, due earlier, has fired by then; the edit below must still pass.
    await new Promise((r) => setTimeout(r, first.expiresAt.getTime() + 200 - Date.now()))
    expect(a.closeCodes).toEqual([])
    a.text.insert(0, 'still here')
    await waitFor(() => b.text.toString() === 'still here')
  })

  it.each([
    ['another user', 'coauthor', 'rw', CLOSE_CODES.unauthorized],
    ['another mode', 'lead', 'ro', CLOSE_CODES.permissionChanged],
    ['garbage', 'garbage', 'rw', CLOSE_CODES.unauthorized],
  ] as const)('refuses a refresh with a token of %s', async (_label, whose, mode, code) => {
    const { lead, coauthor, name, open } = await setup()
    const client = open(lead.id, token(lead.id, name, 'rw'))
    await client.synced()
    const fresh = whose === 'garbage' ? 'not-a-token' : token(whose === 'lead' ? lead.id : coauthor.id, name, mode)
    client.provider.ws!.send(refreshFrame(fresh))
    expect(await client.closed()).toBe(code)
  })
})
