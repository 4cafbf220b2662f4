import { beforeEach, describe, expect, it } from 'vitest'
import { DOCX_CONTENT_TYPE } from '#app/exports/docx-download.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { addMember, createPlan, createUser } from '#tests/factories/index.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { seedDemo, type DemoIds } from '#seed/demo.ts'
import { loadOncePerFile } from '#tests/table-snapshot.ts'
import { assertWellFormedDocx, readDocx, wordText } from '#tests/docx-utils.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { loader } from './plans.$planId.export[.]docx.ts'
import { loader as versionLoader } from './plans.$planId.versions.$number.export[.]docx.ts'

const db = getDb()
let ids: DemoIds
let palm: string

// The demo is loaded once and put back before each test that starts from it.
const loadDemo = loadOncePerFile(() => seedDemo(db, 'not-a-real-hash'))

async function seedPalmOil() {
  ids = await loadDemo()
  palm = ids.plans['palm-oil']!
}

const as = (email: string) => sessionCookieFor(ids.users[email]!)

async function download(planId: string, cookie: string): Promise<Response> {
  const response = await loader(args(makeRequest(`/plans/${planId}/export.docx`, { cookie }), { planId }))
  expect(response.status).toBe(200)
  return response
}

/** The text of every paragraph with the given style, in order. */
function styled(documentXml: string, style: string): string[] {
  const paragraphs = documentXml.match(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/g) ?? []
  return paragraphs.filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`)).map(wordText)
}

describe('GET /plans/:planId/export.docx of the demo palm oil plan', () => {
  beforeEach(seedPalmOil)

  it('exports the demo palm oil plan with its worksheet content, built-in headings and repeating table headers', async () => {
    const response = await download(palm, await as('planner@demo.example'))
    expect(response.headers.get('Content-Type')).toBe(DOCX_CONTENT_TYPE)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="Regional-Tripartite-[\w-]*-Disguised-casual[\w-]*\.docx"; filename\*=UTF-8''Regional%20Tripartite%20[\w%.-]*\.docx$/,
    )

    const buffer = await response.arrayBuffer()
    await assertWellFormedDocx(buffer)
    const parts = await readDocx(buffer)
    const text = wordText(parts.document)
    expect(styled(parts.document, 'Title')[0]).toMatch(/Disguised casual employment in oil palm estates/)
    // Real worksheet values from the demo seed: a stakeholder (1.x), the priority rationale (2.x), an indicator (6.2).
    expect(text).toContain('Group HQ HR directors (9 groups)')
    expect(text).toContain('Employment Act s.59')
    expect(text).toContain('Plantation workers registered with SSA')

    const steps = styled(parts.document, 'Heading1')
    expect(steps.filter((h) => /^Step \d/.test(h))).toHaveLength(6)
    expect(styled(parts.document, 'Heading2').some((h) => h.startsWith('1.1'))).toBe(true)
    for (const level of [1, 2, 3, 4]) expect(parts.styles).toContain(`w:styleId="Heading${level}"`)

    expect(parts.document).toContain('<w:tblHeader/>')
    expect(/<w:docDefaults>.*<w:lang w:val="en-GB"\/>/.test(parts.styles)).toBe(true)
    expect(parts.core).toContain('<dc:language>en-GB</dc:language>')
  })

  it('lets viewers and ILO reviewers download, and hides the plan from anyone else', async () => {
    await download(palm, await as('viewer@demo.example'))
    await download(palm, await as('ilo@demo.example'))

    const outsider = await call(() =>
      loader(args(makeRequest(`/plans/${palm}/export.docx`, { cookie: '' }), { planId: palm })),
    )
    expect(outsider.status).toBe(302)
    expect(outsider.location).toMatch(/^\/login/)
    const { cookie } = await createUserWithSession(db)
    const stranger = await call(() =>
      loader(args(makeRequest(`/plans/${palm}/export.docx`, { cookie }), { planId: palm })),
    )
    expect(stranger.status).toBe(404)
    const fisheriesCookie = await as('fisheries@demo.example')
    const fisheries = await call(() =>
      loader(args(makeRequest(`/plans/${palm}/export.docx`, { cookie: fisheriesCookie }), { planId: palm })),
    )
    expect(fisheries.status).toBe(404)
    const unknown = await call(() =>
      loader(args(makeRequest('/plans/nope/export.docx', { cookie }), { planId: 'nope' })),
    )
    expect(unknown.status).toBe(404)
  })

  it('exports an approved version from its frozen snapshot, and 404s for a version that does not exist', async () => {
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
    const cookie = await as('viewer@demo.example')
    const get = (number: string) =>
      versionLoader(
        args(makeRequest(`/plans/${palm}/versions/${number}/export.docx`, { cookie }), { planId: palm, number }),
      )

    const response = await get(String(versionNumber))
    expect(response.headers.get('Content-Disposition')).toMatch(
      new RegExp(
        `filename="Regional-Tripartite-[\\w-]*-v${versionNumber}\\.docx"; filename\\*=UTF-8''Regional%20[\\w%.-]*-v${versionNumber}\\.docx$`,
      ),
    )
    const parts = await readDocx(await response.arrayBuffer())
    expect(wordText(parts.document)).toMatch(/Disguised casual employment in oil palm estates/)
    expect(wordText(parts.document)).not.toContain('A later title')
    expect(wordText(parts.footer)).toContain(`version ${versionNumber}`)

    for (const number of ['99', '0', '1e3', '-1', 'x']) expect((await call(() => get(number))).status).toBe(404)
    const { cookie: stranger } = await createUserWithSession(db)
    const hidden = await call(() =>
      versionLoader(
        args(makeRequest(`/plans/${palm}/versions/${versionNumber}/export.docx`, { cookie: stranger }), {
          planId: palm,
          number: String(versionNumber),
        }),
      ),
    )
    expect(hidden.status).toBe(404)
  })
})

describe('GET /plans/:planId/export.docx of plans made by factories', () => {
  it("writes a French plan in French, whatever the reader's interface language", async () => {
    const { user: lead, cookie } = await createUserWithSession(db)
    const plan = await createPlan(db, lead.id, {
      title: 'Plan de conformité du secteur textile',
      workingLanguage: 'fr',
    })
    const request = makeRequest(`/plans/${plan.id}/export.docx`, { cookie, headers: { 'Accept-Language': 'es' } })
    const response = await loader(args(request, { planId: plan.id }))
    expect(response.headers.get('Content-Disposition')).toContain(
      `filename="Plan-de-conformite-du-secteur-textile.docx"; filename*=UTF-8''Plan%20de%20conformit%C3%A9%20du%20secteur%20textile.docx`,
    )

    const parts = await readDocx(await response.arrayBuffer())
    expect(/<w:docDefaults>.*<w:lang w:val="([^"]+)"\/>/.exec(parts.styles)?.[1]).toBe('fr-FR')
    expect(new Set([...parts.document.matchAll(/<w:lang w:val="([^"]+)"/g)].map((m) => m[1]))).toEqual(
      new Set(['fr-FR']),
    )
    expect(parts.core).toContain('<dc:language>fr-FR</dc:language>')
    expect(styled(parts.document, 'Heading1').filter((h) => /^Étape \d/.test(h))).toHaveLength(6)
    expect(wordText(parts.document)).toContain('Table des matières')
    expect(wordText(parts.footer)).toContain('Plan de conformité du secteur textile')
  })

  it('escapes markup and drops control characters from worksheet values, and the file still parses', async () => {
    const lead = await createUser(db)
    const evil = 'Workers <w:p><w:r><w:t>injected</w:t></w:r></w:p> & "co"\u0001\u0007\u001B\uFFFE end'
    const plan = await createPlan(db, lead.id, { title: `Plan ${evil}` })
    await ItemRepository.insert(db, {
      planId: plan.id,
      kind: 'indicator',
      refPrefix: 'K',
      data: { name: evil, indicatorType: 'output', unit: 'count', targetValue: 10 },
      actorId: lead.id,
    })
    const response = await download(plan.id, await sessionCookieFor(lead.id))

    const disposition = response.headers.get('Content-Disposition')!
    expect(disposition).toMatch(
      /^attachment; filename="Plan-Workers-w-p-w-r-w-t-injected-w-t-w-r-w-p-co-end\.docx"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/,
    )
    const buffer = await response.arrayBuffer()
    await assertWellFormedDocx(buffer)
    const { document } = await readDocx(buffer)
    expect(document).not.toContain('<w:t>injected</w:t>')
    expect(document).toContain('Workers &lt;w:p&gt;&lt;w:r&gt;&lt;w:t&gt;injected')
    expect(wordText(document)).toContain('Workers <w:p><w:r><w:t>injected</w:t></w:r></w:p> & "co" end')
  })

  it('can download once added as a contributor', async () => {
    const lead = await createUser(db)
    const plan = await createPlan(db, lead.id)
    const { user, cookie } = await createUserWithSession(db)
    expect(
      (await call(() => loader(args(makeRequest(`/plans/${plan.id}/export.docx`, { cookie }), { planId: plan.id }))))
        .status,
    ).toBe(404)
    await addMember(db, plan.id, user.id, 'contributor', lead.id)
    await download(plan.id, cookie)
  })
})
