import { type ActionFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createOrganisation, createPlan } from '#tests/factories/index.ts'
import * as InvitationRepository from '#db/repositories/invitations.ts'
import { randomToken, sha256 } from '#app/utils/crypto.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import * as login from '#app/routes/login.tsx'
import * as account from '#app/routes/account.tsx'
import * as invite from '#app/routes/invite.$token.tsx'
import * as adminUsers from '#app/routes/admin.users.tsx'
import * as adminOrganisations from '#app/routes/admin.organisations.tsx'
import * as plansNew from '#app/routes/plans.new.tsx'
import * as planEdit from '#app/routes/plans.$planId.edit.tsx'
import * as planMembers from '#app/routes/plans.$planId.members.tsx'
import * as language from '#app/routes/settings.language.tsx'
import { args, call, createUserWithSession, makeRequest, type RequestOptions } from '#tests/utils.ts'

// Every form action, fed bodies no browser form would send: each must answer 400 and write nothing.

const db = getDb()

type Action = (a: ActionFunctionArgs) => Promise<unknown>

interface Target {
  path: string
  action: Action
  params: Record<string, string>
  cookie?: string
}

async function targets(): Promise<Record<string, Target>> {
  const { user: admin, cookie: adminCookie } = await createUserWithSession(db, {
    constituency: 'ilo',
    globalRole: 'admin',
  })
  const { user: lead, cookie: leadCookie } = await createUserWithSession(db)
  const plan = await createPlan(db, lead.id)
  const token = randomToken()
  const org = await createOrganisation(db)
  const invitee = await createUserWithSession(db, { organisationId: org.id, passwordHash: null })
  await InvitationRepository.insert(db, {
    tokenHash: sha256(token),
    userId: invitee.user.id,
    createdBy: admin.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  })
  await db.deleteFrom('sessions').where('user_id', '=', invitee.user.id).execute()
  return {
    login: { path: '/login', action: login.action, params: {} },
    account: { path: '/account', action: account.action, params: {}, cookie: leadCookie },
    invite: { path: `/invite/${token}`, action: invite.action, params: { token } },
    adminUsers: { path: '/admin/users', action: adminUsers.action, params: {}, cookie: adminCookie },
    adminOrganisations: {
      path: '/admin/organisations',
      action: adminOrganisations.action,
      params: {},
      cookie: adminCookie,
    },
    plansNew: { path: '/plans/new', action: plansNew.action, params: {}, cookie: leadCookie },
    planEdit: {
      path: `/plans/${plan.id}/edit`,
      action: planEdit.action,
      params: { planId: plan.id },
      cookie: leadCookie,
    },
    planMembers: {
      path: `/plans/${plan.id}/members`,
      action: planMembers.action,
      params: { planId: plan.id },
      cookie: leadCookie,
    },
    language: { path: '/settings/language', action: language.action, params: {}, cookie: leadCookie },
  }
}

function multipartWithFile() {
  const form = new FormData()
  for (const name of [
    'intent',
    'email',
    'password',
    'title',
    'name',
    'locale',
    'userId',
    'newPassword',
    'currentPassword',
  ]) {
    form.append(name, new File(['not a string'], 'x.txt', { type: 'text/plain' }))
  }
  return form
}

// Bodies that are not forms at all are refused as such (415); the rest fail validation (400).
const BODIES: [string, RequestOptions, number][] = [
  [
    'a JSON body',
    {
      body: JSON.stringify({ intent: 'add', title: 'x', email: 'a@b.c', password: 'p', locale: 'fr' }),
      headers: { 'Content-Type': 'application/json' },
    },
    415,
  ],
  ['malformed JSON', { body: '{"intent": "add", ', headers: { 'Content-Type': 'application/json' } }, 415],
  ['a text/plain body', { body: 'intent=add&title=x', headers: { 'Content-Type': 'text/plain' } }, 415],
  ['a body without Content-Type', { body: new Blob(['garbage \u0000 bytes']) }, 415],
  [
    'a broken multipart body',
    {
      body: '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterminated',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    },
    400,
  ],
  ['files where text is expected', { body: multipartWithFile() }, 400],
  ['an empty form', { form: {} }, 400],
  ['an unknown intent', { form: { intent: 'drop-table' } }, 400],
  [
    'repeated fields',
    {
      form: {
        intent: ['add', 'remove'],
        email: ['a@example.test', 'b@example.test'],
        locale: ['fr', 'es'],
        title: ['a', 'b'],
      },
    },
    400,
  ],
  [
    'broken percent-encoding',
    { body: 'intent=%zz&title=%E0%A4%A&locale=%', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    400,
  ],
  ['a 10 MB field', { form: { intent: 'x'.repeat(10 * 1024 * 1024) } }, 400],
]

async function rowCounts() {
  const tables = await sql<{
    tablename: string
  }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%'`.execute(db)
  const counts: Record<string, number> = {}
  for (const { tablename } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(tablename)}`.execute(db)
    counts[tablename] = r.rows[0]!.n
  }
  return counts
}

describe.each(BODIES)('every form action, given %s', (_label, body, expected) => {
  it(`answers ${expected} and writes nothing`, async () => {
    const all = await targets()
    const before = await rowCounts()
    const statuses: Record<string, number> = {}
    for (const [name, target] of Object.entries(all)) {
      const request = makeRequest(target.path, { ...body, method: 'POST', cookie: target.cookie })
      statuses[name] = (await call(() => target.action(args(request, target.params)))).status
    }
    expect(statuses).toEqual(Object.fromEntries(Object.keys(all).map((name) => [name, expected])))
    expect(await rowCounts()).toEqual(before)
  }, 60_000)
})
