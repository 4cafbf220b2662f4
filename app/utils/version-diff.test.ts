import { describe, expect, it } from 'vitest'
import { type PlanSnapshot } from '#db/types.ts'
import { getFixedT } from '../i18n/i18next.server.ts'
import { itemContent, itemTitle, type WordingContext } from '../worksheets/valueText.ts'
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
    expect(diffVersions(base, structuredClone(base))).toEqual({
      plan: [],
      team: { added: [], removed: [] },
      items: [],
      documents: [],
    })
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
    expect(diff.team).toEqual({
      added: [{ name: 'Budi', organisation: 'FPWU-SH', constituency: 'workers', role: 'coauthor' }],
      removed: [],
    })
    expect(diff.items).toEqual([
      {
        kind: 'issue',
        ref: 'I1',
        change: 'added',
        data: { title: 'Casual work' },
        fields: [{ field: 'title', before: undefined, after: 'Casual work' }],
      },
      {
        kind: 'mandate',
        ref: 'M1',
        change: 'changed',
        data: { instrument: 'Act', powerType: 'order_notice' },
        fields: [{ field: 'powerType', before: 'entry_inspection', after: 'order_notice' }],
      },
      {
        kind: 'mandate',
        ref: 'M2',
        change: 'removed',
        data: { instrument: 'Old' },
        fields: [{ field: 'instrument', before: 'Old', after: undefined }],
      },
    ])
    expect(diff.documents).toEqual([{ name: 'plan.x.narrative', added: ['Second idea'], removed: ['First idea'] }])
  })
})

const plan = { title: 'Palm oil', countryCode: 'XL', scope: 'regional' }
const lead = { name: 'Siti Rahma', organisation: 'Labour Inspectorate', constituency: 'government', role: 'lead' }
const union = {
  name: 'Budi Hartono',
  organisation: 'Plantation Workers Union',
  constituency: 'workers',
  role: 'coauthor',
}
const mandate = {
  id: '5b0c9d2e-1111-4a6b-9c1d-0a1b2c3d4e5f',
  kind: 'mandate',
  ref: 'M1',
  position: 1,
  data: { instrument: 'Labour Act s.12', powerType: 'entry_inspection' },
}
const resource = {
  id: '6c1d0e3f-3333-4b7c-8d2e-1b2c3d4e5f60',
  kind: 'resource',
  ref: 'R8',
  position: 8,
  data: { resourceType: 'vehicles', description: 'Four-wheel drives', quantity: 6 },
}
const snapshot = (over: Partial<PlanSnapshot>): PlanSnapshot => ({
  plan,
  team: [lead],
  items: [mandate],
  documents: [],
  ...over,
})

describe('diffVersions, added and removed rows and people', () => {
  it('keeps the content of an added and of a removed row, and the edited fields of a changed one', () => {
    const older = snapshot({})
    const newer = snapshot({ items: [{ ...mandate, data: { ...mandate.data, powerType: 'limit' } }, resource] })
    const diff = diffVersions(older, newer)
    expect(diff.items).toEqual([
      {
        kind: 'mandate',
        ref: 'M1',
        change: 'changed',
        data: { instrument: 'Labour Act s.12', powerType: 'limit' },
        fields: [{ field: 'powerType', before: 'entry_inspection', after: 'limit' }],
      },
      expect.objectContaining({ kind: 'resource', ref: 'R8', change: 'added', data: resource.data }),
    ])
    const back = diffVersions(newer, older)
    expect(back.items.find((i) => i.ref === 'R8')).toMatchObject({ change: 'removed', data: resource.data })
  })

  it('gives team changes as people (name, organisation, role), not as one string', () => {
    const diff = diffVersions(snapshot({}), snapshot({ team: [lead, union] }))
    expect(diff.team).toEqual({ added: [union], removed: [] })
    expect(
      diffVersions(snapshot({ team: [lead, union] }), snapshot({ team: [lead, { ...union, role: 'viewer' }] })).team,
    ).toEqual({
      added: [{ ...union, role: 'viewer' }],
      removed: [union],
    })
  })

  it('lists changed plan details and changed document lines', () => {
    const older = snapshot({ documents: [{ name: 'plan.x.notes.1.1', plainText: 'One\nTwo' }] })
    const newer = snapshot({
      plan: { ...plan, scope: 'national' },
      documents: [{ name: 'plan.x.notes.1.1', plainText: 'One\nThree' }],
    })
    const diff = diffVersions(older, newer)
    expect(diff.plan).toEqual([{ field: 'scope', before: 'regional', after: 'national' }])
    expect(diff.documents).toEqual([{ name: 'plan.x.notes.1.1', added: ['Three'], removed: ['Two'] }])
  })
})

describe('an added row as words', () => {
  it('shows every filled field with its label and a readable value, and names a standard criterion', async () => {
    const ctx: WordingContext = {
      t: await getFixedT('en', ['common', 'worksheets']),
      lng: 'en',
      refs: new Map([[mandate.id, 'M1']]),
    }
    expect(itemContent('resource', resource.data, ctx).map((f) => `${f.label}: ${f.value}`)).toEqual(
      expect.arrayContaining(['Description: Four-wheel drives', 'Quantity: 6']),
    )
    expect(itemContent('mandate', mandate.data, ctx)).toEqual([
      { field: 'instrument', label: 'Instrument', value: 'Labour Act s.12' },
      { field: 'powerType', label: 'Power or limit', value: 'Entry and inspection' },
    ])
    expect(itemContent('issue', { title: 'Casual work', mandate: [mandate.id] }, ctx).map((f) => f.value)).toEqual([
      'Casual work',
      'M1',
    ])
    expect(itemTitle('criterion', { criterionKey: 'severity', weight: 2 }, ctx)).toBe('Severity of harm')
    expect(itemTitle('criterion', { criterionKey: 'custom', name: 'Gender gap', weight: 1 }, ctx)).toBe('Gender gap')
    const fr: WordingContext = { t: await getFixedT('fr', ['common', 'worksheets']), lng: 'fr' }
    expect(itemTitle('criterion', { criterionKey: 'severity' }, fr)).not.toMatch(/criterionKey|severity/)
  })
})
