import { beforeEach, describe, expect, it } from 'vitest'
import * as CommentRepository from '#db/repositories/comments.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { seedDemo, type DemoIds } from '#seed/demo.ts'
import { loadOncePerFile } from '#tests/table-snapshot.ts'
import { appendNotesSentence } from '#tests/collab-notes.ts'
import { args, call, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { type SearchHit } from '../search/plan-search.server.ts'
import { getDb } from '../utils/db.server.ts'
import { loader } from './plans.$planId.search.tsx'

const db = getDb()
let ids: DemoIds
let palm: string
let fishing: string

// Every test starts from the demo; it is loaded once and put back before each test.
const loadDemo = loadOncePerFile(() => seedDemo(db, 'not-a-real-hash'))

beforeEach(async () => {
  ids = await loadDemo()
  palm = ids.plans['palm-oil']!
  fishing = ids.plans['fishing']!
})

interface Page {
  q: string
  error: string | null
  result: { hits: SearchHit[]; truncated: boolean } | null
}

async function search(email: string, planId: string, q: string | null) {
  const cookie = await sessionCookieFor(ids.users[email]!)
  const path = q === null ? `/plans/${planId}/search` : `/plans/${planId}/search?q=${encodeURIComponent(q)}`
  return call<Page>(() => loader(args(makeRequest(path, { cookie }), { planId })))
}

const text = (hit: SearchHit) => hit.snippet.parts.map((p) => p.text).join('')

describe('searching a plan', () => {
  it('finds worksheet records by their text and reference, with the sub-step and field, in sub-step order', async () => {
    const res = await search('viewer@demo.example', palm, 'hq hr directors')
    expect(res.status).toBe(200)
    const hit = res.data.result!.hits.find((h) => h.source === 'record' && h.kind === 'stakeholder')
    expect(hit).toMatchObject({ source: 'record', substep: '4.1', field: 'name' })
    expect(text(hit!)).toContain('Group HQ HR directors')
    expect(hit!.snippet.parts.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual([
      'hq',
      'hr',
      'directors',
    ])

    const byRef = await search('viewer@demo.example', palm, 'M1')
    expect(byRef.data.result!.hits[0]).toMatchObject({
      source: 'record',
      substep: '1.1',
      kind: 'mandate',
      ref: 'M1',
      field: 'ref',
    })
    const all = (await search('viewer@demo.example', palm, 'the')).data.result!
    const order = all.hits.map((h) => h.substep ?? '0')
    expect(order).toEqual([...order].sort())
  })

  it('finds the current text of the team notes, edits not yet compacted included, without minding accents', async () => {
    await appendNotesSentence(db, palm, '3.1', 'Les équipes régionales manquent de véhicules.')
    const res = await search('union@demo.example', palm, 'EQUIPES vehicules')
    const hits = res.data.result!.hits.filter((h) => h.source === 'document')
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ source: 'document', substep: '3.1' })
    expect(text(hits[0]!)).toContain('Les équipes régionales manquent de véhicules.')
  })

  it('finds discussion comments on a sub-step and on a record, with their author', async () => {
    const union = ids.users['union@demo.example']!
    const [mandate] = await ItemRepository.findByKind(db, palm, 'mandate')
    await CommentRepository.insert(db, {
      planId: palm,
      subjectType: 'substep',
      subjectId: '2.1',
      parentId: null,
      authorId: union,
      body: 'Ask the Pengawas about night shifts.',
      label: '2.1',
    })
    await CommentRepository.insert(db, {
      planId: palm,
      subjectType: 'item',
      subjectId: mandate!.id,
      parentId: null,
      authorId: union,
      body: 'The night-shift rule is missing here.',
      label: mandate!.ref,
    })
    const hits = (await search('viewer@demo.example', palm, 'night shift')).data.result!.hits.filter(
      (h) => h.source === 'comment',
    )
    expect(hits).toMatchObject([
      { source: 'comment', substep: '1.1', item: { id: mandate!.id, ref: mandate!.ref }, author: 'Budi Hartono' },
      { source: 'comment', substep: '2.1', item: null },
    ])
    expect(text(hits[1]!)).toBe('Ask the Pengawas about night shifts.')
  })

  it('never shows another plan’s text, and hides the plan itself from someone outside it', async () => {
    await appendNotesSentence(db, fishing, '1.1', 'Tuna longliners leave from Puerto Azul.')
    const fisheriesLead = ids.users['fisheries@demo.example']!
    await CommentRepository.insert(db, {
      planId: fishing,
      subjectType: 'substep',
      subjectId: '1.1',
      parentId: null,
      authorId: fisheriesLead,
      body: 'Longliners first.',
      label: '1.1',
    })
    expect((await search('viewer@demo.example', palm, 'longliners')).data.result!.hits).toEqual([])
    const outsider = await search('fisheries@demo.example', palm, 'directors')
    expect(outsider.status).toBe(404)
    expect(outsider.thrown).toBe(true)
  })

  it('answers an empty form without searching, and a query that cannot be searched with 400 and a message', async () => {
    expect((await search('viewer@demo.example', palm, null)).data).toMatchObject({ q: '', error: null, result: null })
    expect((await search('viewer@demo.example', palm, '   ')).data).toMatchObject({ result: null, error: null })
    for (const [q, error] of [
      ['a', 'search.tooShort'],
      ['x'.repeat(101), 'search.tooLong'],
      ['?!', 'search.noWords'],
      ['bad\u0000byte', 'validation.invalid'],
    ]) {
      const res = await search('viewer@demo.example', palm, q!)
      expect(res.status, q).toBe(400)
      expect(res.data).toMatchObject({ error, result: null })
    }
  })
})
