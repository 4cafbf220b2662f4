import { describe, expect, it } from 'vitest'
import { collabTicketSchema } from './contract.ts'

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
