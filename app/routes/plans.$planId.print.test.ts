import { beforeEach, describe, expect, it } from 'vitest'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import { seedDemo, type DemoIds } from '#seed/demo.ts'
import { loadOncePerFile } from '#tests/table-snapshot.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { loader } from './plans.$planId.print.ts'
import { loader as versionLoader } from './plans.$planId.versions.$number.print.ts'

const db = getDb()
let ids: DemoIds
let palm: string

// Every test starts from the demo; it is loaded once and put back before each test.
const loadDemo = loadOncePerFile(() => seedDemo(db, 'not-a-real-hash'))

beforeEach(async () => {
  ids = await loadDemo()
  palm = ids.plans['palm-oil']!
})

const open = async (email: string, path = `/plans/${palm}/print`) => {
  const cookie = await sessionCookieFor(ids.users[email]!)
  return call<string>(() => loader(args(makeRequest(path, { cookie }), { planId: palm })))
}

describe('the printable plan', () => {
  it('is one semantic page in the plan working language: outline, tables with header cells, the plan map as SVG', async () => {
    const res = await open('planner@demo.example')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toContain('text/html')
    const html = res.data
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
    expect(html.match(/<h1[ >]/g)).toHaveLength(1)
    expect(html).toContain('Disguised casual employment in oil palm estates</h1>')
    for (const step of [1, 2, 3, 4, 5, 6]) expect(html).toMatch(new RegExp(`<h2 id="step-${step}">Step ${step} · `))
    expect(html).toContain('<h3 id="substep-2.2">2.2 ')
    expect(html).toContain('<caption>Stakeholders</caption>')
    // Rows are named by their words, then their code (ADR 057).
    expect(html).toContain('<th scope="col">Stakeholder</th>')
    expect(html).toContain('<th scope="row">Group HQ HR directors (9 groups) (S3)</th>')
    expect(html).toMatch(/<svg class="plan-map__svg"[^>]*role="img"[^>]*aria-labelledby="[^"]+-alt"/)
    expect(html).toMatch(/<svg class="target-map__svg"/)
    // Print rules: A4, a page break before each step, the toolbar hidden.
    expect(html).toMatch(/@page\s*\{\s*size: A4;/)
    // The portal's colour tokens are inlined before the print overrides (the page loads no other CSS).
    expect(html.indexOf('--brand: #1d3f6e')).toBeGreaterThan(-1)
    expect(html.indexOf('--brand: #1d3f6e')).toBeLessThan(html.indexOf('--line: #b8c2cc'))
    expect(html).toMatch(/\.print-section--step[^{]*\{\s*break-before: page;\s*\}/)
    expect(html).toContain('<nav class="print-toolbar"')
    expect(html).toContain(`href="/plans/${palm}/export.docx"`)
  })

  it('keeps the plan language for the document and the reader language for the toolbar', async () => {
    await db.updateTable('plans').set({ working_language: 'es' }).where('id', '=', palm).execute()
    await db.updateTable('users').set({ locale: 'fr' }).where('id', '=', ids.users['viewer@demo.example']!).execute()
    const res = await open('viewer@demo.example')
    expect(res.status).toBe(200)
    expect(res.data).toContain('<html lang="es">')
    expect(res.data).toContain('>Etapa 1 · ')
    expect(res.data).toMatch(/<nav class="print-toolbar" aria-label="Plan imprimable" lang="fr">/)
  })

  it('answers 404 to a signed-in non-member, without naming the plan', async () => {
    const { cookie } = await createUserWithSession(db)
    const res = await call<string>(() =>
      loader(args(makeRequest(`/plans/${palm}/print`, { cookie }), { planId: palm })),
    )
    expect(res.status).toBe(404)
    expect(res.data).not.toContain('palm')
  })

  it('sends anonymous readers to sign in', async () => {
    const res = await call(() => loader(args(makeRequest(`/plans/${palm}/print`), { planId: palm })))
    expect(res.status).toBe(302)
    expect(res.location).toContain('/login')
  })

  it('prints an approved version from its snapshot, and 404s an unknown one', async () => {
    await db.updateTable('plans').set({ status: 'in_review' }).where('id', '=', palm).execute()
    await LifecycleRepository.transition(db, {
      planId: palm,
      from: 'in_review',
      to: 'approved',
      actorId: ids.users['ilo@demo.example']!,
      note: null,
      overrideReason: 'Approved for the print test without endorsements',
    })
    await db.updateTable('plans').set({ title: 'Renamed after approval' }).where('id', '=', palm).execute()
    const cookie = await sessionCookieFor(ids.users['union@demo.example']!)
    const v1 = await call<string>(() =>
      versionLoader(args(makeRequest(`/plans/${palm}/versions/1/print`, { cookie }), { planId: palm, number: '1' })),
    )
    expect(v1.status).toBe(200)
    expect(v1.data).toContain('Disguised casual employment in oil palm estates</h1>')
    expect(v1.data).toContain('Version 1')
    expect(v1.data).toContain(`href="/plans/${palm}/versions/1/export.pdf"`)
    expect(v1.data).toContain(`href="/plans/${palm}/versions/1/export.docx"`)
    for (const number of ['2', 'abc']) {
      const res = await call<string>(() =>
        versionLoader(
          args(makeRequest(`/plans/${palm}/versions/${number}/print`, { cookie }), { planId: palm, number }),
        ),
      )
      expect(res.status).toBe(404)
    }
  })
})
