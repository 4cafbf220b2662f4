import { describe, expect, it } from 'vitest'
import { getDb } from '../utils/db.server.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { loader } from './_index.tsx'

const db = getDb()

describe('the home page', () => {
  it('sends a signed-in user to their plans', async () => {
    const { cookie } = await createUserWithSession(db)
    expect((await call(() => loader(args(makeRequest('/', { cookie }))))).location).toBe('/plans')
  })

  it('sends anyone else to sign in', async () => {
    expect((await call(() => loader(args(makeRequest('/'))))).location).toBe('/login')
    expect((await call(() => loader(args(makeRequest('/', { cookie: 'scp_session=forged' }))))).location).toBe('/login')
  })
})
