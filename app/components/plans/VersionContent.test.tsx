import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { type PlanSnapshot } from '#db/types.ts'
import { createServerInstance } from '../../i18n/i18next.server.ts'
import { type Locale } from '#core/vocabulary.ts'
import { diffVersions } from '../../utils/version-diff.ts'
import { namedRefs } from '../../worksheets/recordName.ts'
import { titleFieldOf } from '../../worksheets/valueText.ts'
import { VersionContents, VersionDiffSection } from './VersionContent.tsx'

const PLAN_ID = '3f6c2a1e-5d4b-4c3a-9e8f-7a6b5c4d3e2f'
const mandate = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  kind: 'mandate',
  ref: 'M1',
  position: 1,
  data: { instrument: 'Labour Act s.12', powerType: 'entry_inspection' },
}
const criterion = {
  id: 'a1b2c3d4-0000-4000-8000-000000000002',
  kind: 'criterion',
  ref: 'Cr1',
  position: 1,
  data: { criterionKey: 'severity', weight: 2 },
}
const resource = {
  id: 'a1b2c3d4-0000-4000-8000-000000000003',
  kind: 'resource',
  ref: 'R8',
  position: 8,
  data: { resourceType: 'vehicles', description: 'Four-wheel drives', quantity: 6 },
}
const issue = {
  id: 'a1b2c3d4-0000-4000-8000-000000000004',
  kind: 'issue',
  ref: 'I1',
  position: 1,
  data: { title: 'Casual work', mandate: [mandate.id] },
}
const older: PlanSnapshot = {
  plan: { title: 'Palm oil', scope: 'regional' },
  team: [{ name: 'Siti Rahma', organisation: 'Labour Inspectorate', constituency: 'government', role: 'lead' }],
  items: [mandate, criterion],
  documents: [{ name: `plan.${PLAN_ID}.notes.1.1`, plainText: 'First note' }],
}
const newer: PlanSnapshot = {
  ...older,
  plan: { title: 'Palm oil', scope: 'national' },
  team: [
    ...older.team,
    { name: 'Budi Hartono', organisation: 'Plantation Workers Union', constituency: 'workers', role: 'coauthor' },
  ],
  items: [mandate, criterion, resource, issue],
  documents: [
    { name: `plan.${PLAN_ID}.notes.1.1`, plainText: 'First note\nSecond note' },
    { name: `plan.${PLAN_ID}.narrative`, plainText: 'Summary' },
  ],
}
// As the version page names them: each record by its words, then its code (ADR 057).
const refs = namedRefs(newer.items, titleFieldOf)

async function render(locale: Locale, node: React.ReactNode) {
  const i18n = await createServerInstance(locale, ['common', 'worksheets', 'collab'])
  const html = renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>)
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

const CODES =
  /\b(?:lifecycle|worksheets|collab|roles|plan|activity)[.:][A-Za-z]|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\bcoauthor\b|\bentry_inspection\b/

describe('a version in words', () => {
  it('names documents, criteria and links, and shows what an added row holds', async () => {
    const contents = await render('en', <VersionContents snapshot={newer} />)
    expect(contents).toContain('Team notes for sub-step 1.1')
    expect(contents).toContain('Plan narrative')
    expect(contents).toContain('Severity of harm (Cr1)')
    expect(contents).not.toMatch(CODES)

    const diff = await render(
      'en',
      <VersionDiffSection diff={diffVersions(older, newer)} between={[1, 2]} refs={refs} />,
    )
    expect(diff).toContain('Joined the team: Budi Hartono (Plantation Workers Union), Co-author')
    expect(diff).toMatch(/Scope ?: Regional → National/)
    expect(diff).toMatch(
      /Added Resource inventory: Four-wheel drives \(R8\) Type Vehicles and boats Description Four-wheel drives Quantity 6/,
    )
    expect(diff).toMatch(/Casual work \(I1\) Issue Casual work Mandate items \(1\.1\) Labour Act s\.12 \(M1\)/)
    expect(diff).toContain('Team notes for sub-step 1.1 Second note')
    expect(diff).not.toMatch(CODES)
  })

  it('reads as text in French and Spanish, removed rows included', async () => {
    for (const locale of ['fr', 'es'] as const) {
      const diff = await render(
        locale,
        <VersionDiffSection diff={diffVersions(newer, older)} between={[1, 2]} refs={refs} />,
      )
      expect(diff).toContain('Four-wheel drives')
      expect(diff).not.toMatch(CODES)
      expect(await render(locale, <VersionContents snapshot={newer} />)).not.toMatch(CODES)
    }
  })
})
