import { describe, expect, it } from 'vitest'
import { PLAN_STATUSES, type PlanStatus } from './vocabulary.ts'
import { availableTransitions, findTransition } from './lifecycle.ts'
import { type GlobalRole, type PlanRole } from './permissions.ts'

// Who may move a plan from each status (ADR 009), written out by hand: transition names offered.
const STATUSES = PLAN_STATUSES
const EXPECTED: Record<string, Record<PlanStatus, string[]>> = {
  'lead (member)': {
    draft: ['submit', 'archive'],
    in_review: ['withdraw'],
    approved: ['startImplementing', 'revise'],
    implementing: ['complete', 'revise'],
    completed: ['archive'],
    archived: ['reopen'],
  },
  'ILO reviewer, not on the team': {
    draft: [],
    in_review: ['approve', 'returnForChanges'],
    approved: [],
    implementing: [],
    completed: [],
    archived: [],
  },
  'co-author (member)': { draft: [], in_review: [], approved: [], implementing: [], completed: [], archived: [] },
  'viewer (member)': { draft: [], in_review: [], approved: [], implementing: [], completed: [], archived: [] },
  'administrator, not on the team': {
    draft: [],
    in_review: [],
    approved: [],
    implementing: [],
    completed: [],
    archived: [],
  },
}
const ACTORS: Record<string, [GlobalRole, PlanRole | null]> = {
  'lead (member)': ['member', 'lead'],
  'ILO reviewer, not on the team': ['ilo_reviewer', null],
  'co-author (member)': ['member', 'coauthor'],
  'viewer (member)': ['member', 'viewer'],
  'administrator, not on the team': ['admin', null],
}

describe('plan lifecycle transitions', () => {
  for (const [who, [globalRole, role]] of Object.entries(ACTORS)) {
    it(`offers the ${who} exactly the transitions of ADR 009`, () => {
      const actor = { id: 'u', globalRole }
      const offered = Object.fromEntries(
        STATUSES.map((s) => [s, availableTransitions(actor, role, s).map((t) => t.name)]),
      )
      expect(offered).toEqual(EXPECTED[who])
    })
  }

  it('finds a named transition only from its own status and for someone allowed to take it', () => {
    const lead = { id: 'u', globalRole: 'member' as const }
    expect(findTransition(lead, 'lead', 'draft', 'submit')).toMatchObject({ from: 'draft', to: 'in_review' })
    expect(findTransition(lead, 'lead', 'approved', 'submit')).toBeUndefined()
    expect(findTransition(lead, 'lead', 'in_review', 'approve')).toBeUndefined()
    expect(
      findTransition({ id: 'r', globalRole: 'ilo_reviewer' }, null, 'in_review', 'returnForChanges'),
    ).toMatchObject({ to: 'draft', noteRequired: true })
  })
})
