import { describe, expect, it } from 'vitest'
import { type Locale } from '#core/vocabulary.ts'
import { getFixedT } from '../i18n/i18next.server.ts'
import { changedFields, describeActivity, describeChanges, type ActivityEntry } from './activityDiff.ts'
import { type WordingContext } from './valueText.ts'

describe('changedFields', () => {
  it('lists only the fields whose value changed, with the old and the new value', () => {
    const before = { ref: 'N2', label: 'Mills', countUnits: 14, isPivot: true, issues: ['a'] }
    const after = { ref: 'N2', label: 'Mills and refineries', countUnits: 14, isPivot: false, issues: ['a', 'b'] }
    expect(changedFields(before, after)).toEqual([
      { field: 'label', before: 'Mills', after: 'Mills and refineries' },
      { field: 'isPivot', before: 'true', after: 'false' },
      { field: 'issues', before: '1', after: '2' },
    ])
  })

  it('shows an emptied or a new field with a dash on the empty side', () => {
    expect(changedFields({ ref: 'M1', notes: 'old' }, { ref: 'M1', scope: 'estates' })).toEqual([
      { field: 'notes', before: 'old', after: '—' },
      { field: 'scope', before: '—', after: 'estates' },
    ])
  })

  it('shortens long text and ignores entries without both snapshots', () => {
    const long = 'x'.repeat(200)
    expect(changedFields({ text: 'a' }, { text: long })[0]!.after).toHaveLength(80)
    expect(changedFields(null, { ref: 'M1' })).toEqual([])
  })
})

// The history in words, in the three languages: never a translation key, never an id.
const KEY_OR_ID = /\b[a-z]+\.[a-zA-Z_]+\.[a-zA-Z_.]+\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

describe('describeActivity', () => {
  const mandateId = '5b0c9d2e-1111-4a6b-9c1d-0a1b2c3d4e5f'
  const indicatorId = '7d1e2f30-2222-4b7c-8d2e-1b2c3d4e5f60'
  const refs = new Map([
    [mandateId, 'M3'],
    [indicatorId, 'K1'],
  ])
  const context = async (lng: Locale): Promise<WordingContext> => ({
    t: await getFixedT(lng, ['common', 'worksheets']),
    lng,
    refs,
  })
  const entry = (e: Partial<ActivityEntry> & Pick<ActivityEntry, 'action' | 'entity_type'>): ActivityEntry => ({
    entity_id: null,
    new_value: null,
    old_value: null,
    ...e,
  })

  it('words measurements, comments and scores instead of showing codes', async () => {
    const en = await context('en')
    expect(
      describeActivity(
        entry({
          action: 'recorded',
          entity_type: 'measurement',
          new_value: { indicatorId, period: '2026-Q2', value: 1234.5 },
        }),
        en,
      ),
    ).toBe('Recorded a measurement of K1 for 2026-Q2: 1,234.5')
    expect(
      describeActivity(entry({ action: 'imported', entity_type: 'measurement', new_value: { count: 12 } }), en),
    ).toBe('Imported 12 measurements')
    expect(
      describeActivity(
        entry({
          action: 'deleted',
          entity_type: 'measurement',
          old_value: { indicator_id: indicatorId, period: '2026', value: 3 },
        }),
        en,
      ),
    ).toBe('Deleted the measurement of K1 for 2026 (3)')
    expect(describeActivity(entry({ action: 'resolved', entity_type: 'comment', new_value: { ref: 'I1' } }), en)).toBe(
      'Resolved the review comment on I1',
    )
    // Entries recorded before the label was kept name the subject by its id.
    expect(
      describeActivity(entry({ action: 'reopened', entity_type: 'comment', new_value: { ref: mandateId } }), en),
    ).toBe('Reopened the review comment on M3')
    expect(
      describeActivity(
        entry({
          action: 'resolved',
          entity_type: 'comment',
          new_value: { ref: '00000000-0000-4000-8000-000000000000' },
        }),
        en,
      ),
    ).toBe('Resolved a review comment')
    expect(
      describeActivity(
        entry({ action: 'scored', entity_type: 'score', entity_id: mandateId, new_value: { severity: 4 } }),
        en,
      ),
    ).toBe('Scored M3')
  })

  it('names an added or deleted item by its reference and title, and falls back to words for the unknown', async () => {
    const en = await context('en')
    expect(
      describeActivity(
        entry({
          action: 'created',
          entity_type: 'mandate',
          new_value: { ref: 'M3', instrument: 'Labour Act s.12', powerType: 'limit' },
        }),
        en,
      ),
    ).toBe('Mandate register: added M3 (Labour Act s.12)')
    expect(
      describeActivity(
        entry({
          action: 'created',
          entity_type: 'criterion',
          new_value: { ref: 'Cr1', criterionKey: 'severity', weight: 1 },
        }),
        en,
      ),
    ).toBe('Criteria and weights: added Cr1 (Severity of harm)')
    expect(describeActivity(entry({ action: 'archived', entity_type: 'mandate', new_value: { ref: 'M3' } }), en)).toBe(
      'Mandate register: changed M3',
    )
    expect(describeActivity(entry({ action: 'frobbed', entity_type: 'widget' }), en)).toBe('Changed the plan')
    expect(describeActivity(entry({ action: 'frobbed', entity_type: 'plan' }), en)).toBe('Changed the plan')
  })

  it('names both statuses of a status change, and who returned the plan and why', async () => {
    const en = await context('en')
    const returned = entry({
      action: 'status_changed',
      entity_type: 'plan',
      actor_name: 'Claire Dubois',
      actor_organisation: 'ILO',
      old_value: { status: 'in_review' },
      new_value: { status: 'draft', note: 'Add indicators for I2', transition: 'returnForChanges' },
    })
    expect(describeActivity(returned, en)).toBe(
      'Returned for changes by Claire Dubois (ILO): Add indicators for I2 · Changed the status from In review to Draft',
    )
    const override = entry({
      action: 'status_changed',
      entity_type: 'plan',
      old_value: { status: 'in_review' },
      new_value: { status: 'approved', overrideReason: 'Deadline set by the minister' },
    })
    expect(describeActivity(override, en)).toBe(
      'Changed the status from In review to Approved · Approved without full endorsement, because: Deadline set by the minister',
    )
    const cleared = entry({
      action: 'cleared',
      entity_type: 'endorsement',
      old_value: { decision: 'object', organisation: 'KEF' },
    })
    expect(describeActivity(cleared, en)).toContain('KEF')
    const reserved = entry({
      action: 'reserved',
      entity_type: 'signoff',
      new_value: { substep: '1.3', constituency: 'employers', reason: 'Coverage is too wide' },
    })
    expect(describeActivity(reserved, en)).toMatch(/^Recorded a reservation on 1\.3 for .+: “Coverage is too wide”$/)
    for (const lng of ['fr', 'es'] as const) {
      const ctx = await context(lng)
      for (const e of [returned, override, cleared, reserved]) expect(describeActivity(e, ctx)).not.toMatch(KEY_OR_ID)
    }
  })

  it('reads as text in French and Spanish too', async () => {
    const entries = [
      entry({
        action: 'recorded',
        entity_type: 'measurement',
        new_value: { indicatorId, period: '2026-Q2', value: 40 },
      }),
      entry({ action: 'imported', entity_type: 'measurement', new_value: { count: 1 } }),
      entry({ action: 'resolved', entity_type: 'comment', new_value: { ref: mandateId } }),
      entry({ action: 'created', entity_type: 'mandate', new_value: { ref: 'M3', instrument: 'Code du travail' } }),
      entry({ action: 'updated', entity_type: 'mandate', old_value: { ref: 'M3' }, new_value: { ref: 'M3' } }),
    ]
    for (const lng of ['fr', 'es'] as const) {
      const ctx = await context(lng)
      for (const e of entries) expect(describeActivity(e, ctx)).not.toMatch(KEY_OR_ID)
    }
    expect(describeActivity(entries[0]!, await context('fr'))).toBe('A enregistré une mesure de K1 pour 2026-Q2 : 40')
    expect(describeActivity(entries[1]!, await context('es'))).toBe('Importó 1 medición')
  })
})

describe('describeChanges', () => {
  it('labels each changed field and writes options, links, booleans and plan details as words', async () => {
    const t = await getFixedT('en', ['common', 'worksheets'])
    const ctx: WordingContext = { t, lng: 'en', refs: new Map([['5b0c9d2e-1111-4a6b-9c1d-0a1b2c3d4e5f', 'M1']]) }
    const mandate = describeChanges(
      {
        action: 'updated',
        entity_type: 'mandate',
        old_value: { ref: 'M1', powerType: 'limit', instrument: 'Act' },
        new_value: { ref: 'M1', powerType: 'entry_inspection', instrument: 'Act' },
      },
      ctx,
    )
    expect(mandate).toEqual([
      { field: 'powerType', label: 'Power or limit', before: 'Limit of the mandate', after: 'Entry and inspection' },
    ])
    const issue = describeChanges(
      {
        action: 'updated',
        entity_type: 'issue',
        old_value: { ref: 'I1', mandate: [] },
        new_value: { ref: 'I1', mandate: ['5b0c9d2e-1111-4a6b-9c1d-0a1b2c3d4e5f'] },
      },
      ctx,
    )
    expect(issue.map((c) => [c.before, c.after])).toEqual([['—', 'M1']])
    const plan = describeChanges(
      {
        action: 'updated',
        entity_type: 'plan',
        old_value: { scope: 'regional', countryCode: 'FR' },
        new_value: { scope: 'national', countryCode: 'ES' },
      },
      ctx,
    )
    expect(plan).toEqual([
      { field: 'scope', label: 'Scope', before: 'Regional', after: 'National' },
      { field: 'countryCode', label: 'Country', before: 'France', after: 'Spain' },
    ])
    // Sectors by their names, not their ISIC letters.
    expect(
      describeChanges(
        { action: 'updated', entity_type: 'plan', old_value: { sectors: ['A', 'C'] }, new_value: { sectors: ['A'] } },
        ctx,
      ),
    ).toEqual([
      {
        field: 'sectors',
        label: 'Sectors (ISIC sections)',
        before: 'A · Agriculture, forestry and fishing; C · Manufacturing',
        after: 'A · Agriculture, forestry and fishing',
      },
    ])
    expect(
      describeChanges(
        { action: 'moved', entity_type: 'mandate', old_value: { position: 2 }, new_value: { position: 1 } },
        ctx,
      ),
    ).toEqual([{ field: 'position', label: 'Position', before: '2', after: '1' }])
  })
})
