import { describe, expect, it } from 'vitest'
import { NOTIFICATION_KINDS } from '#core/vocabulary.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { action, loader } from './account_.notifications.tsx'

const db = getDb()
const all = (delivery: string) => Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, delivery]))

describe('email notification choices', () => {
  it('shows "at once" for every kind until the person chooses, then their choices', async () => {
    const { cookie } = await createUserWithSession(db)
    const before = await call(() => loader(args(makeRequest('/account/notifications', { cookie }))))
    expect(before.data.choices).toEqual(all('instant'))
    const saved = await call(() =>
      action(args(makeRequest('/account/notifications', { cookie, form: { ...all('off'), mention: 'daily' } }))),
    )
    expect(saved.data).toEqual({ saved: true })
    const after = await call(() => loader(args(makeRequest('/account/notifications', { cookie }))))
    expect(after.data.choices).toEqual({ ...all('off'), mention: 'daily' })
  })

  it('refuses a missing or unknown choice with 400 and changes nothing; sends a signed-out visitor to sign in', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const bad = await call(() =>
      action(args(makeRequest('/account/notifications', { cookie, form: { ...all('daily'), mention: 'hourly' } }))),
    )
    expect(bad.status).toBe(400)
    const partial = await call(() =>
      action(args(makeRequest('/account/notifications', { cookie, form: { mention: 'off' } }))),
    )
    expect(partial.status).toBe(400)
    expect(
      await db.selectFrom('notification_preferences').selectAll().where('user_id', '=', user.id).execute(),
    ).toEqual([])
    const anonymous = await call(() => loader(args(makeRequest('/account/notifications'))))
    expect(anonymous.location).toBe('/login?redirectTo=%2Faccount%2Fnotifications')
  })
})
