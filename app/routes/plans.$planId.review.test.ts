import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { addMember, createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import * as LifecycleRepository from '#db/repositories/lifecycle.ts'
import { appendNotesSentence } from '#tests/collab-notes.ts'
import { args, call, createUserWithSession, makeRequest, sessionCookieFor } from '#tests/utils.ts'
import { getDb } from '../utils/db.server.ts'
import { loader as versionLoader } from './plans.$planId.versions.$number.tsx'
import { action, loader } from './plans.$planId.review.tsx'

const db = getDb()

const post = (planId: string, cookie: string, form: Record<string, string>) =>
  call(() => action(args(makeRequest(`/plans/${planId}/review`, { cookie, form }), { planId })))
const status = async (planId: string) =>
  (await db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow()).status

async function team() {
  const { user: lead, cookie: leadCookie } = await createUserWithSession(db)
  const plan = await createPlan(db, lead.id)
  const union = await createUser(db, { organisationId: (await createOrganisation(db, { constituency: 'workers' })).id })
  await addMember(db, plan.id, union.id, 'coauthor', lead.id)
  const employers = await createOrganisation(db, { constituency: 'employers' })
  const employer = await createUser(db, { organisationId: employers.id })
  await addMember(db, plan.id, employer.id, 'contributor', lead.id)
  const viewer = await createUser(db, { organisationId: employers.id })
  await addMember(db, plan.id, viewer.id, 'viewer', lead.id)
  const { user: reviewer, cookie: reviewerCookie } = await createUserWithSession(db, {
    constituency: 'ilo',
    globalRole: 'ilo_reviewer',
    // Approving needs a session signed in with a second factor (ADR 064).
    secondFactor: true,
  })
  return {
    plan,
    lead,
    leadCookie,
    union,
    unionCookie: await sessionCookieFor(union.id),
    employerCookie: await sessionCookieFor(employer.id),
    viewerCookie: await sessionCookieFor(viewer.id),
    reviewer,
    reviewerCookie,
  }
}

/** The three constituencies of the team endorse the plan's current submission. */
async function endorseAll(t: Awaited<ReturnType<typeof team>>) {
  for (const cookie of [t.leadCookie, t.unionCookie, t.employerCookie])
    expect((await post(t.plan.id, cookie, { intent: 'endorse', decision: 'endorse' })).status).toBe(200)
}

describe('plan lifecycle', () => {
  it('walks draft → in review → approved → implementing → completed with the right people', async () => {
    const t = await team()
    expect(
      (await post(t.plan.id, t.reviewerCookie, { intent: 'transition', from: 'draft', name: 'submit' })).status,
    ).toBe(403)
    expect((await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })).status).toBe(
      200,
    )
    expect(await status(t.plan.id)).toBe('in_review')
    expect(
      (await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'in_review', name: 'approve' })).status,
    ).toBe(403)
    expect(
      (await post(t.plan.id, t.unionCookie, { intent: 'transition', from: 'in_review', name: 'approve' })).status,
    ).toBe(403)
    await endorseAll(t)
    expect(
      (
        await post(t.plan.id, t.reviewerCookie, {
          intent: 'transition',
          from: 'in_review',
          name: 'approve',
          note: 'Good plan',
        })
      ).status,
    ).toBe(302)
    expect(await status(t.plan.id)).toBe('approved')
    expect(
      (await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'approved', name: 'startImplementing' }))
        .status,
    ).toBe(200)
    expect(
      (await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'implementing', name: 'complete' })).status,
    ).toBe(200)
    expect(await status(t.plan.id)).toBe('completed')
  })

  it('requires a note to return a plan for changes', async () => {
    const t = await team()
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    const res = await post(t.plan.id, t.reviewerCookie, {
      intent: 'transition',
      from: 'in_review',
      name: 'returnForChanges',
    })
    expect(res.status).toBe(400)
    expect(res.data.result.error.note).toEqual(['lifecycle.errors.noteRequired'])
    expect(
      (
        await post(t.plan.id, t.reviewerCookie, {
          intent: 'transition',
          from: 'in_review',
          name: 'returnForChanges',
          note: 'Add indicators',
        })
      ).status,
    ).toBe(200)
    expect(await status(t.plan.id)).toBe('draft')
  })

  it('refuses a transition from a status the plan no longer has', async () => {
    const t = await team()
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    const res = await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    expect(res.status).toBe(409)
    expect(await status(t.plan.id)).toBe('in_review')
  })

  it('rejects malformed input without changing anything', async () => {
    const t = await team()
    expect((await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'flying', name: 'submit' })).status).toBe(
      400,
    )
    expect((await post(t.plan.id, t.leadCookie, { intent: 'nonsense' })).status).toBe(400)
    expect(await status(t.plan.id)).toBe('draft')
  })

  it('freezes an immutable snapshot on approval and shows what changed between versions', async () => {
    const t = await team()
    await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { instrument: 'Act', powerType: 'entry_inspection' },
      actorId: t.lead.id,
    })
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    await endorseAll(t)
    await post(t.plan.id, t.reviewerCookie, { intent: 'transition', from: 'in_review', name: 'approve' })
    await ItemRepository.insert(db, {
      planId: t.plan.id,
      kind: 'mandate',
      refPrefix: 'M',
      data: { instrument: 'Employment Act', powerType: 'limit' },
      actorId: t.lead.id,
    })
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'approved', name: 'revise' })
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    await endorseAll(t)
    expect(
      (await post(t.plan.id, t.reviewerCookie, { intent: 'transition', from: 'in_review', name: 'approve' })).status,
    ).toBe(302)
    const versions = await LifecycleRepository.findVersions(db, t.plan.id)
    expect(versions.map((v) => v.number)).toEqual([2, 1])
    const v1 = await LifecycleRepository.findVersion(db, t.plan.id, 1)
    // Besides the plan's eight default 2.2 criteria (Cr1-Cr8), version 1 froze the one mandate.
    expect(v1!.snapshot.items.filter((i) => i.kind === 'mandate').map((i) => i.ref)).toEqual(['M1'])
    await expect(
      sql`UPDATE plan_versions SET note = 'tampered' WHERE plan_id = ${t.plan.id}`.execute(db),
    ).rejects.toThrow(/immutable/)
    await expect(sql`DELETE FROM plan_versions WHERE plan_id = ${t.plan.id}`.execute(db)).rejects.toThrow(/immutable/)
    const page = await call(() =>
      versionLoader(
        args(makeRequest(`/plans/${t.plan.id}/versions/2`, { cookie: t.unionCookie }), {
          planId: t.plan.id,
          number: '2',
        }),
      ),
    )
    expect(page.status).toBe(200)
    expect(page.data.diff.items).toMatchObject([{ kind: 'mandate', ref: 'M2', change: 'added' }])
    const missing = await call(() =>
      versionLoader(
        args(makeRequest(`/plans/${t.plan.id}/versions/9`, { cookie: t.unionCookie }), {
          planId: t.plan.id,
          number: '9',
        }),
      ),
    )
    expect(missing.status).toBe(404)
  })

  it('freezes the notes as written, edits not yet compacted included, with their structure', async () => {
    const t = await team()
    const sentence = 'Shop stewards join the first joint inspection.'
    const name = await appendNotesSentence(db, t.plan.id, '3.1', sentence)
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    await endorseAll(t)
    expect(
      (await post(t.plan.id, t.reviewerCookie, { intent: 'transition', from: 'in_review', name: 'approve' })).status,
    ).toBe(302)
    const frozen = (await LifecycleRepository.findVersion(db, t.plan.id, 1))!.snapshot.documents.find(
      (d) => d.name === name,
    )
    expect(frozen?.plainText).toContain(sentence)
    expect(JSON.stringify(frozen?.lexical)).toContain(sentence)
  })

  it('does not show versions of a plan to someone outside it', async () => {
    const t = await team()
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    await endorseAll(t)
    await post(t.plan.id, t.reviewerCookie, { intent: 'transition', from: 'in_review', name: 'approve' })
    const { cookie } = await createUserWithSession(db)
    const res = await call(() =>
      versionLoader(
        args(makeRequest(`/plans/${t.plan.id}/versions/1`, { cookie }), { planId: t.plan.id, number: '1' }),
      ),
    )
    expect(res.status).toBe(404)
  })
})

describe('tripartite endorsement', () => {
  it('records each organisation’s decision and shows which constituencies endorsed', async () => {
    const t = await team()
    await post(t.plan.id, t.leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })
    expect(
      (await post(t.plan.id, t.leadCookie, { intent: 'endorse', decision: 'endorse', comment: 'We stand behind it' }))
        .status,
    ).toBe(200)
    expect(
      (await post(t.plan.id, t.unionCookie, { intent: 'endorse', decision: 'object', comment: 'Targets too low' }))
        .status,
    ).toBe(200)
    expect((await post(t.plan.id, t.viewerCookie, { intent: 'endorse', decision: 'endorse' })).status).toBe(403)
    expect((await post(t.plan.id, t.reviewerCookie, { intent: 'endorse', decision: 'endorse' })).status).toBe(403)
    expect((await post(t.plan.id, t.unionCookie, { intent: 'endorse', decision: 'maybe' })).status).toBe(400)
    const page = await call(() =>
      loader(args(makeRequest(`/plans/${t.plan.id}/review`, { cookie: t.reviewerCookie }), { planId: t.plan.id })),
    )
    const byConstituency = Object.fromEntries(
      page.data.endorsements.map((e: { constituency: string; decision: string | null }) => [
        e.constituency,
        e.decision,
      ]),
    )
    expect(byConstituency).toEqual({ government: 'endorse', workers: 'object', employers: null })
  })
})
