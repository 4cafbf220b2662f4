import { beforeEach, describe, expect, it } from 'vitest'
import { docName } from '#core/collab/contract.ts'
import { type LogFields, type Logger } from '#core/log.server.ts'
import * as CollabDocumentRepository from '#db/repositories/collab-documents.ts'
import { appendNotesSentence } from '#tests/collab-notes.ts'
import { createPlan, createUser } from '#tests/factories/index.ts'
import { buildPlanDocument } from '../exports/plan-document.server.ts'
import { queryTerms } from '../search/match.ts'
import { searchPlan } from '../search/plan-search.server.ts'
import { getDb } from '../utils/db.server.ts'
import { currentDocuments, loadDocumentStates } from './current.server.ts'

const db = getDb()
const GARBAGE = new TextEncoder().encode('not a yjs update')
const SENTENCE = 'The union will brief shop stewards before the first joint inspection.'

let planId: string
let notes: string
let narrative: string
let logged: { event: string; fields?: LogFields }[]
const log: Logger = (_level, event, fields) => logged.push({ event, fields })

beforeEach(async () => {
  logged = []
  const lead = await createUser(db)
  planId = (await createPlan(db, lead.id)).id
  notes = await appendNotesSentence(db, planId, '2.2', SENTENCE)
  // A snapshot that cannot be read, and a log row that cannot be read on the readable document.
  narrative = docName({ planId, substep: null })
  await CollabDocumentRepository.insertIfAbsent(db, {
    name: narrative,
    planId,
    state: GARBAGE,
    plainText: '',
    html: '',
  })
  await CollabDocumentRepository.appendUpdates(db, [{ docName: notes, update: GARBAGE }])
})

describe('the current documents of a plan', () => {
  it('leaves out a document whose snapshot is unreadable, logs it, and still returns the others', async () => {
    const documents = await currentDocuments(db, planId, log)
    expect(documents.map((d) => d.name)).toEqual([notes])
    expect(documents[0]!.plainText).toContain(SENTENCE)
    expect(logged).toContainEqual({
      event: 'unreadable document skipped',
      fields: expect.objectContaining({ doc: narrative }),
    })
  })

  it('skips an unreadable log row of a readable document and logs its seq', async () => {
    const stored = await CollabDocumentRepository.findForLoad(db, notes)
    const badSeq = stored!.tail.at(-1)!.seq
    await currentDocuments(db, planId, log)
    expect(logged).toContainEqual({
      event: 'unreadable update skipped',
      fields: expect.objectContaining({ doc: notes, seq: badSeq }),
    })
  })

  it('gives the export source the readable documents only', async () => {
    const states = await loadDocumentStates(db, planId, log)
    expect([...states.keys()]).toEqual([notes])
  })

  it('still builds the plan document and searches the plan when one document is broken', async () => {
    const document = await buildPlanDocument(db, planId)
    expect(JSON.stringify(document!.sections)).toContain(SENTENCE)
    const { hits } = await searchPlan(db, planId, queryTerms('shop stewards'))
    expect(hits.some((h) => h.source === 'document' && h.substep === '2.2')).toBe(true)
  })
})
