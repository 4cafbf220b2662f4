import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '#app/utils/db.server.ts'
import { appendNotesSentence } from '#tests/collab-notes.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import { seedDemo, type DemoIds } from '#seed/demo.ts'
import { loadOncePerFile } from '#tests/table-snapshot.ts'
import { buildPlanDocument } from './plan-document.server.ts'
import { type Block, type PlanDocument } from './types.ts'

const db = getDb()
let ids: DemoIds
let palm: string

// Every test starts from the demo; it is loaded once and put back before each test.
const loadDemo = loadOncePerFile(() => seedDemo(db, 'not-a-real-hash'))

beforeEach(async () => {
  ids = await loadDemo()
  palm = ids.plans['palm-oil']!
})

/** Every piece of text of a document, for "does it say X" assertions. */
function allText(doc: PlanDocument): string {
  const ofBlock = (b: Block): string[] => {
    switch (b.type) {
      case 'heading':
        return [b.text]
      case 'paragraph':
        return [b.runs.map((r) => r.text).join('')]
      case 'list': {
        const items = (list: typeof b.items): string[] =>
          list.flatMap((i) => [i.runs.map((r) => r.text).join(''), ...items(i.children ?? [])])
        return items(b.items)
      }
      case 'table':
        return [b.caption ?? '', ...b.columns, ...b.rows.flat()]
      case 'facts':
        return b.items.flatMap((i) => [i.label, i.value])
      case 'figure':
        return [b.caption, b.alt, ...(b.fallback ?? []).flatMap(ofBlock)]
    }
  }
  return [
    doc.title,
    doc.subtitle,
    ...doc.facts.flatMap((f) => [f.label, f.value]),
    ...doc.sections.flatMap((s) => s.blocks.flatMap(ofBlock)),
  ].join('\n')
}

const blocksOf = (doc: PlanDocument, key: string) => doc.sections.find((s) => s.key === key)!.blocks

describe('buildPlanDocument', () => {
  it('tells the palm oil plan: title, facts, team, priority decision, a stakeholder and an indicator target', async () => {
    const doc = (await buildPlanDocument(db, palm))!
    expect(doc.lang).toBe('en')
    expect(doc.title).toMatch(/Disguised casual employment in oil palm estates/)
    expect(doc.sections.map((s) => s.key)).toEqual(['plan', '1', '2', '3', '4', '5', '6', 'monitoring', 'endorsements'])
    expect(doc.facts.find((f) => f.label === "Workers' organisation")?.value).toMatch(/FPWU-SH/)

    const step2 = blocksOf(doc, '2')
    const decision = step2.find(
      (b): b is Extract<Block, { type: 'facts' }> => b.type === 'facts' && b.items.some((i) => i.label === 'Priority'),
    )!
    expect(decision.items.find((i) => i.label === 'Priority')!.value).toMatch(
      /^Disguised casual employment × Large estate companies [^;]* \(P1\)/,
    )
    expect(decision.items.find((i) => i.label === 'Rationale')!.value).toMatch(/Employment Act s\.59/)
    const ranking = step2.find(
      (b): b is Extract<Block, { type: 'table' }> =>
        b.type === 'table' && b.caption === 'Ranking of issue × target pairs',
    )!
    expect(ranking.rows[0]![0]).toBe('1')

    const text = allText(doc)
    expect(text).toContain('Group HQ HR directors (9 groups)')
    // The indicator table of 6.2 shows the target as a number formatted for the working language.
    const indicators = blocksOf(doc, '6').find(
      (b): b is Extract<Block, { type: 'table' }> => b.type === 'table' && b.caption === 'Indicators',
    )
    const row = indicators?.rows.find((r) => r.some((c) => c.startsWith('Plantation workers registered with SSA')))
    expect(row).toContain('14,000')
    // Enumerations appear as their labels, links as referenced items.
    expect(text).toContain('Employment status')
    expect(blocksOf(doc, '6').some((b) => b.type === 'figure' && b.figure === 'plan-map')).toBe(true)
    // The target map is drawn with each node's category (stored as nodeCategory).
    const targetMap = blocksOf(doc, '2').find(
      (b): b is Extract<Block, { type: 'figure' }> => b.type === 'figure' && b.figure === 'target-map',
    )!
    const nodes = (targetMap.data as { nodes: { nodeType: string | null }[] }).nodes
    expect(nodes.length).toBeGreaterThan(0)
    expect(nodes.every((n) => typeof n.nodeType === 'string' && n.nodeType.length > 0)).toBe(true)
  })

  it('includes notes still in the update log, not yet folded into the stored rendering', async () => {
    const sentence = 'The union will brief shop stewards before the first joint inspection.'
    const name = await appendNotesSentence(db, palm, '2.2', sentence)
    const rendering = await CollabDocumentRepository.findRendering(db, name)
    expect(rendering!.plain_text).not.toContain(sentence)
    expect(await CollabDocumentRepository.countTail(db, name)).toBeGreaterThan(0)

    const doc = (await buildPlanDocument(db, palm))!
    const step2 = blocksOf(doc, '2')
    const notesAt = step2.findIndex((b) => b.type === 'heading' && b.text === 'Team notes')
    expect(notesAt).toBeGreaterThan(0)
    expect(
      step2.slice(notesAt).some((b) => b.type === 'paragraph' && b.runs.map((r) => r.text).join('') === sentence),
    ).toBe(true)
  })

  it('writes labels in the plan working language, not the reader interface language', async () => {
    await db.updateTable('plans').set({ working_language: 'fr' }).where('id', '=', palm).execute()
    const doc = (await buildPlanDocument(db, palm))!
    expect(doc.lang).toBe('fr')
    const text = allText(doc)
    expect(text).toContain('14 000'.replace(' ', '\u202f'))
    expect(blocksOf(doc, '1')[0]).toMatchObject({ type: 'heading', level: 1, id: 'step-1' })
    expect((blocksOf(doc, '1')[0] as { text: string }).text).toMatch(/^Étape 1/)
  })

  it('builds an approved version from its frozen snapshot, not from later edits', async () => {
    const lead = ids.users['planner@demo.example']!
    await db.updateTable('plans').set({ status: 'in_review' }).where('id', '=', palm).execute()
    const { versionNumber } = await LifecycleRepository.transition(db, {
      planId: palm,
      from: 'in_review',
      to: 'approved',
      actorId: lead,
      note: null,
      overrideReason: 'Approved for the export test without endorsements',
    })
    await db.updateTable('plans').set({ title: 'A later title' }).where('id', '=', palm).execute()

    const doc = (await buildPlanDocument(db, palm, { version: versionNumber! }))!
    expect(doc.version).toBe(versionNumber)
    expect(doc.title).toMatch(/Disguised casual employment/)
    expect(doc.subtitle).toContain(`Version ${versionNumber}`)
    // Scores are frozen with the version, so the ranking is still there.
    expect(allText(doc)).toContain('Ranking of issue × target pairs')
    expect(await buildPlanDocument(db, palm, { version: 99 })).toBeUndefined()
  })

  it('returns undefined for an unknown plan', async () => {
    expect(await buildPlanDocument(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined()
  })
})
