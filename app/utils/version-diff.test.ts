import { describe, expect, it } from 'vitest'
import { type PlanSnapshot } from '#db/types.ts'
import { diffVersions } from './version-diff.ts'

const base: PlanSnapshot = {
  plan: { title: 'Plan', sectors: ['A'] },
  team: [{ name: 'Ratna', organisation: 'PMO-LIU', constituency: 'government', role: 'lead' }],
  items: [
    { id: '1', kind: 'mandate', ref: 'M1', position: 1, data: { instrument: 'Act', powerType: 'entry_inspection' } },
    { id: '2', kind: 'mandate', ref: 'M2', position: 2, data: { instrument: 'Old' } },
  ],
  documents: [{ name: 'plan.x.narrative', plainText: 'Summary\nFirst idea' }],
}

describe('diffVersions', () => {
  it('reports nothing for identical versions', () => {
    expect(diffVersions(base, structuredClone(base))).toEqual({ plan: [], team: { added: [], removed: [] }, items: [], documents: [] })
  })

  it('reports metadata, team, item and document changes', () => {
    const newer: PlanSnapshot = {
      plan: { title: 'Plan v2', sectors: ['A', 'C'] },
      team: [...base.team, { name: 'Budi', organisation: 'FPWU-SH', constituency: 'workers', role: 'coauthor' }],
      items: [
        { id: '1', kind: 'mandate', ref: 'M1', position: 1, data: { instrument: 'Act', powerType: 'order_notice' } },
        { id: '3', kind: 'issue', ref: 'I1', position: 1, data: { title: 'Casual work' } },
      ],
      documents: [{ name: 'plan.x.narrative', plainText: 'Summary\nSecond idea' }],
    }
    const diff = diffVersions(base, newer)
    expect(diff.plan).toEqual([
      { field: 'sectors', before: ['A'], after: ['A', 'C'] },
      { field: 'title', before: 'Plan', after: 'Plan v2' },
    ])
    expect(diff.team).toEqual({ added: ['Budi (FPWU-SH, coauthor)'], removed: [] })
    expect(diff.items).toEqual([
      { kind: 'issue', ref: 'I1', change: 'added', fields: [{ field: 'title', before: undefined, after: 'Casual work' }] },
      { kind: 'mandate', ref: 'M1', change: 'changed', fields: [{ field: 'powerType', before: 'entry_inspection', after: 'order_notice' }] },
      { kind: 'mandate', ref: 'M2', change: 'removed', fields: [{ field: 'instrument', before: 'Old', after: undefined }] },
    ])
    expect(diff.documents).toEqual([{ name: 'plan.x.narrative', added: ['Second idea'], removed: ['First idea'] }])
  })
})
