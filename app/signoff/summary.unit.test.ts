import { describe, expect, it } from 'vitest'
import { summariseSignoff, type SignoffInput } from './summary.ts'

const agree = (constituency: string, stale = false): SignoffInput => ({ constituency, decision: 'agree', stale })
const reserve = (constituency: string, stale = false): SignoffInput => ({ constituency, decision: 'reserve', stale })
const TRIPARTITE_TEAM = ['government', 'workers', 'employers']

describe('summariseSignoff', () => {
  it('counts complete and agreed separately: a complete sub-step nobody signed is not agreed', () => {
    const { counts, substeps } = summariseSignoff({
      complete: ['1.1', '1.2'],
      signoffs: {},
      constituencies: TRIPARTITE_TEAM,
    })
    expect(counts).toEqual({ total: 16, complete: 2, agreed: 0, stale: 0 })
    expect(substeps.find((s) => s.code === '1.1')).toMatchObject({
      complete: true,
      agreement: 'none',
      signed: [],
      awaiting: ['government', 'workers', 'employers'],
    })
  })

  it('needs every constituency on the team; a reservation counts as signing off', () => {
    const signoffs = {
      '1.1': [agree('government'), reserve('workers'), agree('employers')],
      '1.2': [agree('government'), agree('workers')],
    }
    const { counts, substeps } = summariseSignoff({ complete: [], signoffs, constituencies: TRIPARTITE_TEAM })
    expect(counts.agreed).toBe(1)
    expect(substeps.find((s) => s.code === '1.1')!.agreement).toBe('agreed')
    expect(substeps.find((s) => s.code === '1.2')).toMatchObject({
      agreement: 'partial',
      signed: ['government', 'workers'],
      awaiting: ['employers'],
    })
  })

  it('asks only the constituencies the team represents, and never agrees for a team that represents none', () => {
    const signoffs = { '2.1': [agree('government')] }
    expect(summariseSignoff({ complete: [], signoffs, constituencies: ['government', 'ilo'] }).counts.agreed).toBe(1)
    expect(
      summariseSignoff({ complete: [], signoffs: {}, constituencies: ['ilo', 'other'] }).substeps[0]!.agreement,
    ).toBe('none')
  })

  it('ignores sign-offs of constituencies no longer on the team', () => {
    const signoffs = { '3.1': [agree('government'), reserve('employers', true)] }
    const { substeps } = summariseSignoff({ complete: [], signoffs, constituencies: ['government'] })
    expect(substeps.find((s) => s.code === '3.1')!.agreement).toBe('agreed')
  })

  it('marks a sub-step stale when a sign-off predates a change, until that constituency signs again', () => {
    const stale = summariseSignoff({
      complete: ['4.1'],
      signoffs: { '4.1': [agree('government'), agree('workers', true), agree('employers')] },
      constituencies: TRIPARTITE_TEAM,
    })
    expect(stale.counts).toEqual({ total: 16, complete: 1, agreed: 0, stale: 1 })
    expect(stale.substeps.find((s) => s.code === '4.1')).toMatchObject({ agreement: 'stale', awaiting: ['workers'] })
    const renewed = summariseSignoff({
      complete: ['4.1'],
      signoffs: { '4.1': [agree('government'), agree('workers'), agree('employers')] },
      constituencies: TRIPARTITE_TEAM,
    })
    expect(renewed.counts).toMatchObject({ agreed: 1, stale: 0 })
  })
})
