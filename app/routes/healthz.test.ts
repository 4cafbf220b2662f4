import { afterEach, describe, expect, it, vi } from 'vitest'
import { call } from '#tests/utils.ts'

describe('GET /healthz', () => {
  afterEach(() => {
    vi.resetModules()
  })

  it('returns 200 with status ok when the database answers', async () => {
    const { loader } = await import('./healthz.ts')
    const res = await call(() => loader())
    expect(res.status).toBe(200)
    expect(res.data).toEqual({ status: 'ok', db: 'ok' })
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })

  it('returns 503 when the database is unreachable', async () => {
    const original = process.env.DATABASE_URL!
    vi.resetModules()
    const closed = new URL(original)
    closed.port = '1'
    process.env.DATABASE_URL = closed.toString()
    try {
      const { loader } = await import('./healthz.ts')
      const res = await call(() => loader())
      expect(res.status).toBe(503)
      expect(res.data).toMatchObject({ db: 'unavailable' })
      const { getDb } = await import('../utils/db.server.ts')
      await getDb().destroy()
    } finally {
      process.env.DATABASE_URL = original
    }
  })
})
