import { describe, expect, it } from 'vitest'
import { collabSocketUrl, collabTicketSchema } from './contract.ts'

const ticket = {
  url: 'ws://localhost:1234',
  doc: 'plan.x.narrative',
  token: 't',
  mode: 'rw',
  expiresAt: '2026-01-01T00:00:00.000Z',
}

describe('collabTicketSchema', () => {
  it('reads a ticket without a lock, or with a null one, as not locked', () => {
    expect(collabTicketSchema.parse(ticket).lock).toBeNull()
    expect(collabTicketSchema.parse({ ...ticket, lock: null }).lock).toBeNull()
    expect(collabTicketSchema.parse({ ...ticket, mode: 'ro', lock: 'in_review' })).toMatchObject({
      mode: 'ro',
      lock: 'in_review',
    })
  })

  it('refuses an answer that is not a ticket', () => {
    for (const bad of [
      null,
      'ticket',
      { ...ticket, mode: 'rx' },
      { ...ticket, token: undefined },
      { ...ticket, expiresAt: 1 },
    ]) {
      expect(collabTicketSchema.safeParse(bad).success).toBe(false)
    }
  })
})

describe('where a ticket connects', () => {
  it('accepts the page’s own /collab path and an older web app’s absolute ws/wss URL', () => {
    for (const url of ['/collab', 'ws://localhost:3001', 'wss://collab.example.org/socket']) {
      expect(collabTicketSchema.parse({ ...ticket, url }).url).toBe(url)
    }
    for (const url of [
      '',
      'collab',
      '//evil.example/collab',
      '/\\evil.example',
      'http://localhost:3001',
      'javascript:x',
    ]) {
      expect(collabTicketSchema.safeParse({ ...ticket, url }).success, url).toBe(false)
    }
  })

  it('resolves a path on the page’s own host, over wss from an https page, and leaves absolute URLs alone', () => {
    const lan = { protocol: 'http:', host: '192.168.1.20:3000' }
    expect(collabSocketUrl('/collab', lan)).toBe('ws://192.168.1.20:3000/collab')
    expect(collabSocketUrl('/collab', { protocol: 'https:', host: 'portal.example.org' })).toBe(
      'wss://portal.example.org/collab',
    )
    expect(collabSocketUrl('ws://localhost:3001', lan)).toBe('ws://localhost:3001')
  })
})
