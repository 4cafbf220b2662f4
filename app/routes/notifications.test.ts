import { afterAll, describe, expect, it } from 'vitest'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { createDb } from '#db/client.ts'
import * as NotificationRepository from '#db/repositories/notifications.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { stopPlanEvents } from '../utils/plan-events.server.ts'
import { loader as rootLoader } from '../root.tsx'
import { loader as eventsLoader } from './notifications.events.ts'
import { action, loader } from './notifications._index.tsx'

const db = getDb()
afterAll(() => stopPlanEvents())

const list = (cookie: string, query = '') => call(() => loader(args(makeRequest(`/notifications${query}`, { cookie }))))
const act = (cookie: string, form: Record<string, string>) =>
  call(() => action(args(makeRequest('/notifications', { cookie, form }))))
/** `n` notifications for `userId` about a plan of theirs, oldest first, one second apart. */
async function notify(userId: string, n: number) {
  const plan = await createPlan(db, userId, { title: 'Fishing plan' })
  const start = Date.UTC(2026, 11, 1)
  const rows = await db
    .insertInto('notifications')
    .values(
      Array.from({ length: n }, (_, i) => ({
        user_id: userId,
        kind: 'plan_approved',
        plan_id: plan.id,
        params: JSON.stringify({ planTitle: 'Fishing plan', actorName: 'Rita', version: i + 1 }),
        path: `/plans/${plan.id}/review`,
        created_at: new Date(start + i * 1000),
      })),
    )
    .returning('id')
    .execute()
  return { plan, ids: rows.map((r) => r.id) }
}

describe('the notifications page', () => {
  it('lists only the person’s own notifications, newest first, a bounded page at a time', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const { user: other } = await createUserWithSession(db)
    const { ids } = await notify(user.id, NotificationRepository.PAGE_SIZE + 3)
    await notify(other.id, 2)

    const first = await list(cookie)
    expect(first.status).toBe(200)
    expect(first.data.rows).toHaveLength(NotificationRepository.PAGE_SIZE)
    expect(first.data.rows[0].id).toBe(ids.at(-1))
    expect(first.data).toMatchObject({ page: 1, pages: 2, unread: NotificationRepository.PAGE_SIZE + 3 })
    const second = await list(cookie, '?page=2')
    expect(second.data.rows.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 3).reverse())
    // A page past the end is empty, not an error; one beyond the bound or not a number is refused.
    expect((await list(cookie, '?page=3')).data.rows).toEqual([])
    for (const page of ['0', '-1', 'abc', '1.5', String(NotificationRepository.MAX_PAGE + 1), '9'.repeat(40)])
      expect((await list(cookie, `?page=${page}`)).status, page).toBe(400)
  })

  it('asks a signed-out visitor to sign in first', async () => {
    const res = await list('')
    expect(res.status).toBe(302)
    expect(res.location).toBe('/login?redirectTo=%2Fnotifications')
  })

  it('marks one read, then all, and the root count follows', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const { ids } = await notify(user.id, 3)
    const count = async () =>
      (await call(() => rootLoader(args(makeRequest('/plans', { cookie }))))).data.user.unreadNotifications
    expect(await count()).toBe(3)
    expect((await act(cookie, { intent: 'read', id: ids[0]! })).status).toBe(200)
    expect(await count()).toBe(2)
    // Marking it again changes nothing and is no error.
    expect((await act(cookie, { intent: 'read', id: ids[0]! })).status).toBe(200)
    expect(await count()).toBe(2)
    expect((await act(cookie, { intent: 'readAll' })).status).toBe(200)
    expect(await count()).toBe(0)
    const rows = (await list(cookie)).data.rows as { read_at: Date | null }[]
    expect(rows.every((r) => r.read_at !== null)).toBe(true)
  })

  it('refuses another person’s id and malformed input without touching anything', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const { user: other } = await createUserWithSession(db)
    const { ids: theirs } = await notify(other.id, 1)
    await notify(user.id, 1)
    expect((await act(cookie, { intent: 'read', id: theirs[0]! })).status).toBe(404)
    expect((await act(cookie, { intent: 'read', id: 'not-a-uuid' })).status).toBe(400)
    expect((await act(cookie, { intent: 'delete' })).status).toBe(400)
    expect((await act(cookie, {})).status).toBe(400)
    // Marking all read marks only their own.
    await act(cookie, { intent: 'readAll' })
    expect(await NotificationRepository.countUnread(db, other.id)).toBe(1)
  })
})

describe('the links', () => {
  it('go to what each notification is about, never off the site, whatever path a row holds', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const { plan } = await notify(user.id, 1)
    await db
      .insertInto('notifications')
      .values({ user_id: user.id, kind: 'mention', path: '/\\evil.example/x' })
      .execute()
    const paths = ((await list(cookie)).data.rows as { path: string }[]).map((r) => r.path)
    expect(paths.sort()).toEqual([`/plans/${plan.id}/review`, '/notifications'].sort())
  })
})

/** Opens the bell's stream and collects its text; `next(pattern)` waits for a chunk matching it. */
async function openStream(cookie: string) {
  const abort = new AbortController()
  const request = makeRequest('/notifications/events', { cookie })
  const response = await eventsLoader(args(new Request(request, { signal: abort.signal })))
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let cursor = 0
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value)
    }
  })()
  return {
    response,
    abort,
    pump,
    /** Waits (polling, up to a generous bound) for `pattern` after the previous match; returns its groups. */
    async next(pattern: RegExp) {
      for (let waited = 0; ; waited += 10) {
        const match = pattern.exec(text.slice(cursor))
        if (match) {
          cursor += match.index + match[0].length
          return match
        }
        if (waited > 15_000) throw new Error(`no ${pattern}; got ${JSON.stringify(text.slice(cursor))}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    },
  }
}

describe('GET /notifications/events', () => {
  it('sends the unread count on connecting and again after an insert from another connection', async () => {
    const { user, cookie } = await createUserWithSession(db)
    await notify(user.id, 2)
    const stream = await openStream(cookie)
    expect(stream.response.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
    expect((await stream.next(/event: count\ndata: (.*)\n\n/))[1]).toBe('{"unread":2}')

    // Another process (here: another pool) tells the person something; the stream hears it at commit.
    const elsewhere = createDb(process.env.DATABASE_URL!)
    try {
      const plan = await createPlan(elsewhere, user.id)
      const reviewer = await createUser(elsewhere, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
      await NotificationRepository.insertMany(elsewhere, [
        {
          userId: user.id,
          actorId: reviewer.id,
          kind: 'plan_returned',
          planId: plan.id,
          path: `/plans/${plan.id}`,
          params: { planTitle: plan.title, actorName: reviewer.name, note: 'Please add the sources.' },
        },
      ])
    } finally {
      await elsewhere.destroy()
    }
    expect((await stream.next(/event: count\ndata: (.*)\n\n/))[1]).toBe('{"unread":3}')
    await NotificationRepository.markAllRead(db, user.id)
    expect((await stream.next(/event: count\ndata: (.*)\n\n/))[1]).toBe('{"unread":0}')
    stream.abort.abort()
    await stream.pump
  })

  it('does not wake for another person’s notifications', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const other = await createUser(db)
    const stream = await openStream(cookie)
    await stream.next(/event: count\ndata: \{"unread":0\}\n\n/)
    await notify(other.id, 1)
    // Then one of their own: the next count the stream sends is theirs, 1, with nothing before it.
    await notify(user.id, 1)
    const next = await stream.next(/event: count\ndata: (.*)\n\n/)
    expect(next[1]).toBe('{"unread":1}')
    expect(next.index).toBe(0)
    stream.abort.abort()
    await stream.pump
  })

  it('answers 401 without a session and ends the stream when the session ends', async () => {
    const res = await call(() => eventsLoader(args(makeRequest('/notifications/events'))))
    expect(res.status).toBe(401)
    const { user, cookie } = await createUserWithSession(db)
    const stream = await openStream(cookie)
    await stream.next(/event: count/)
    await db.deleteFrom('sessions').where('user_id', '=', user.id).execute()
    await notify(user.id, 1)
    await stream.next(/event: denied/)
    await stream.pump
  })
})
