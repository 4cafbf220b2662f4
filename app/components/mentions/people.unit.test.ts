import { describe, expect, it } from 'vitest'
import { matchPeople, mentionQueryAt } from './people.ts'

const people = [
  { id: '1', name: 'Ana Rojas', organisation: 'DOLE', team: true },
  { id: '2', name: 'Émile Zola', organisation: 'TUCP', team: true },
  { id: '3', name: 'Rita Bana', organisation: 'ILO', team: false },
]

describe('the "@" list', () => {
  it('matches word starts first, then inside names, ignoring accents and case', () => {
    expect(matchPeople(people, 'emi').map((p) => p.id)).toEqual(['2'])
    expect(matchPeople(people, 'ana').map((p) => p.id)).toEqual(['1', '3'])
    expect(matchPeople(people, 'tucp').map((p) => p.id)).toEqual(['2'])
    expect(matchPeople(people, '').map((p) => p.id)).toEqual(['1', '2', '3'])
  })

  it('opens after a space or at the start, not inside an email address', () => {
    expect(mentionQueryAt('Hello @An', 9)).toEqual({ start: 6, query: 'An' })
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQueryAt('Hello @Ana Ro', 13)).toEqual({ start: 6, query: 'Ana Ro' })
    expect(mentionQueryAt('mail ana@dole.gov', 17)).toBeNull()
    expect(mentionQueryAt('@Ana Rojas and more', 19)).toBeNull()
  })
})
