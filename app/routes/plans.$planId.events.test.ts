import { afterAll, describe, expect, it } from 'vitest'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import { getDb } from '../utils/db.server.ts'
import { stopPlanEvents } from '../utils/plan-events.server.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { loader } from './plans.$planId.events.ts'

const db = getDb()
afterAll(() => stopPlanEvents())

/** Opens the stream and collects its text; `next(pattern)` waits for a chunk matching it. */
async function openStream(planId: string, cookie: string) {
  const abort = new AbortController()
  const request = makeRequest(`/plans/${planId}/events`, { cookie })
  const response = await loader(args(new Request(request, { signal: abort.signal }), { planId }))
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let cursor = 0
  let ended = false
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value)
    }
    ended = true
  })()
  return {
    response,
    abort,
    pump,
    text: () => text,
    ended: () => ended,
    /** Waits for `pattern` in what arrived after the previous match; returns the wait in ms. */
    async next(pattern: RegExp, timeoutMs: number) {
      const started = Date.now()
      for (;;) {
        const match = pattern.exec(text.slice(cursor))
        if (match) {
          cursor += match.index + match[0].length
          return Date.now() - started
        }
        if (Date.now() - started > timeoutMs)
          throw new Error(`no ${pattern} within ${timeoutMs} ms; got ${JSON.stringify(text.slice(cursor))}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    },
  }
}

describe('GET /plans/:planId/events', () => {
  it('streams a change event within a second after a worksheet record changes', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const plan = await createPlan(db, user.id)
    const stream = await openStream(plan.id, cookie)
    expect(stream.response.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
    expect(stream.response.headers.get('Cache-Control')).toContain('no-transform')
    await stream.next(/: connected/, 1_000)
    const waiting = stream.next(/event: change\ndata: .*\n\n/, 1_000)
    await db
      .insertInto('worksheet_items')
      .values({
        plan_id: plan.id,
        kind: 'mandate',
        ref: 'M1',
        position: 1,
        data: '{}',
        created_by: user.id,
        updated_by: user.id,
      })
      .execute()
    expect(await waiting).toBeLessThan(1_000)
    expect(stream.text()).toContain(`"planId":"${plan.id}"`)
    stream.abort.abort()
    await stream.pump
    expect(stream.ended()).toBe(true)
  })

  it('does not tell a page about another plan', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const plan = await createPlan(db, user.id)
    const other = await createPlan(db, user.id)
    const stream = await openStream(plan.id, cookie)
    await stream.next(/: connected/, 1_000)
    // Events of this plan's own setup can still be on their way on a loaded machine: make a change
    // here, wait for it, then let the stream fall quiet before the change elsewhere.
    await db.updateTable('plans').set({ title: 'Changed here' }).where('id', '=', plan.id).execute()
    await stream.next(/event: change/, 5_000)
    for (;;) {
      try {
        await stream.next(/event: change/, 300)
      } catch {
        break
      }
    }
    await db.updateTable('plans').set({ title: 'Changed elsewhere' }).where('id', '=', other.id).execute()
    await expect(stream.next(/event: change/, 400)).rejects.toThrow()
    stream.abort.abort()
  })

  it('ends the stream of a member who is removed from the plan', async () => {
    const { user: lead } = await createUserWithSession(db)
    const plan = await createPlan(db, lead.id)
    const member = await createUser(db)
    await addMember(db, plan.id, member.id, 'viewer', lead.id)
    const stream = await openStream(plan.id, await sessionCookieFor(member.id))
    await stream.next(/: connected/, 1_000)
    await db.deleteFrom('plan_members').where('plan_id', '=', plan.id).where('user_id', '=', member.id).execute()
    await stream.next(/event: denied/, 1_000)
    await stream.pump
    expect(stream.ended()).toBe(true)
  })

  it('answers 404 to someone who is not on the plan', async () => {
    const { user } = await createUserWithSession(db)
    const plan = await createPlan(db, user.id)
    const { cookie } = await createUserWithSession(db)
    const res = await call(() => loader(args(makeRequest(`/plans/${plan.id}/events`, { cookie }), { planId: plan.id })))
    expect(res.status).toBe(404)
  })
})
