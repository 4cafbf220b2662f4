import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '#core/log.server.ts'
import * as MailRepository from '#db/repositories/mail-messages.ts'
import { insertMany } from '#db/repositories/notifications.ts'
import * as PreferenceRepository from '#db/repositories/notification-preferences.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { DEFAULT_NOTIFICATION_DELIVERY, NOTIFICATION_KINDS, type NotificationKind } from '#core/vocabulary.ts'
import { createOrganisation, createPlan, createUser } from '#tests/factories/index.ts'
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '#tests/smtp-server.ts'
import { args, call, createUserWithSession, makeRequest } from '#tests/utils.ts'
import * as adminUsers from '../routes/admin.users.tsx'
import * as forgot from '../routes/forgot-password.tsx'
import * as invite from '../routes/invite.$token.tsx'
import * as members from '../routes/plans.$planId.members.tsx'
import * as reset from '../routes/reset-password.$token.tsx'
import * as comments from '../routes/plans.$planId.comments.tsx'
import * as review from '../routes/plans.$planId.review.tsx'
import { addMember } from '#tests/factories/index.ts'
import { getDb } from '../utils/db.server.ts'
import { DIGEST_TASK } from './tasks.server.ts'
import { startMailWorker, type MailWorker } from './worker.server.ts'

// The whole path of a message against real parts: a route or a producer writes it in its
// transaction, the queue runner (graphile-worker on this test database) sends it to a real SMTP
// server on loopback, which parses what arrived.

const PUBLIC_URL = 'https://portal.example.org'
const db = getDb()
let smtp: TestSmtpServer
let worker: MailWorker

beforeAll(async () => {
  process.env.PUBLIC_URL = PUBLIC_URL
  smtp = await startSmtpServer()
  worker = await startMailWorker({
    databaseUrl: process.env.DATABASE_URL!,
    log: silentLogger,
    env: {
      smtpUrl: smtp.url,
      from: 'SCP Portal <portal@example.org>',
      publicUrl: PUBLIC_URL,
      outboxDir: mkdtempSync(path.join(os.tmpdir(), 'scp-outbox-')),
    },
  })
})

afterAll(async () => {
  await worker.stop()
  await smtp.close()
  delete process.env.PUBLIC_URL
})

/** Waits until no message is left unsent and no send job is left, then returns what `address` received. */
async function settled(address: string) {
  for (;;) {
    const unsent = await db.selectFrom('mail_messages').select('id').where('sent_at', 'is', null).execute()
    const jobs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs
      WHERE task_identifier = ${MailRepository.SEND_TASK}`.execute(db)
    if (unsent.length === 0 && jobs.rows[0]!.n === 0) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return smtp.messages.filter((m) => m.to.includes(address.toLowerCase()))
}

/** The only message `address` received, once everything queued went. */
async function onlyMessageTo(address: string): Promise<ReceivedMail> {
  await smtp.waitFor(address)
  const received = await settled(address)
  expect(received).toHaveLength(1)
  return received[0]!
}

function linkIn(mail: ReceivedMail, pathPrefix: string) {
  const match = new RegExp(`${PUBLIC_URL}${pathPrefix}[^\\s"<]*`).exec(mail.text)
  expect(match, `a ${pathPrefix} link in the text`).not.toBeNull()
  expect(mail.html).toContain(`href="${match![0]}"`)
  return new URL(match![0])
}

async function adminCookie(name = 'Ada Admin') {
  const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin', name })
  return cookie.replace(/^scp_session=/, '__Host-scp_session=')
}

describe('invitations', () => {
  it('emails the one-time link once, as text and escaped HTML, and the link opens the invitation', async () => {
    const cookie = await adminCookie('Ada <b>Admin</b>')
    const org = await createOrganisation(db)
    const email = 'new.person@example.test'
    const res = await call(() =>
      adminUsers.action(
        args(
          makeRequest(`${PUBLIC_URL}/admin/users`, {
            cookie,
            form: { intent: 'invite', name: 'New Person', email, organisationId: org.id, globalRole: 'member' },
          }),
        ),
      ),
    )
    expect(res.status).toBe(200)
    const mail = await onlyMessageTo(email)
    expect(mail.subject).toBe('Your invitation to the SCP Portal')
    expect(mail.text).toContain('Hello New Person,')
    expect(mail.text).toContain('Ada <b>Admin</b> has invited you')
    expect(mail.html).toContain('Ada &lt;b&gt;Admin&lt;/b&gt; has invited you')
    expect(mail.html).not.toContain('<b>Admin')
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@portal\.example\.org>$/)
    const link = linkIn(mail, '/invite/')
    expect(link.toString()).toBe(res.data.link.url)
    const token = link.pathname.split('/').pop()!
    const page = await call(() => invite.loader(args(makeRequest(link.pathname), { token })))
    expect(page.data.invitee).toEqual({ name: 'New Person', email })
    // A security message's body is not kept once sent: it held a one-time link.
    const stored = await db.selectFrom('mail_messages').selectAll().where('to_address', '=', email).execute()
    expect(stored).toMatchObject([{ purpose: 'invitation', text_body: null, html_body: null, attempts: 1 }])
  })

  it('emails a new link in the person’s own language', async () => {
    const cookie = await adminCookie()
    const person = await createUser(db, { email: 'persona@example.test', name: 'Persona' })
    await UserRepository.updateLocale(db, person.id, 'es')
    const res = await call(() =>
      adminUsers.action(
        args(makeRequest(`${PUBLIC_URL}/admin/users`, { cookie, form: { intent: 'new-link', userId: person.id } })),
      ),
    )
    expect(res.status).toBe(200)
    const mail = await onlyMessageTo(person.email)
    expect(mail.subject).toBe('Su invitación al Portal SCP')
    expect(mail.text).toContain('Hola, Persona:')
    expect(linkIn(mail, '/invite/').toString()).toBe(res.data.link.url)
  })

  it('tries again with backoff when the SMTP server refuses, and sends once', async () => {
    smtp.refuseNext(1)
    const cookie = await adminCookie()
    const person = await createUser(db, { email: 'retry@example.test' })
    await call(() =>
      adminUsers.action(
        args(makeRequest(`${PUBLIC_URL}/admin/users`, { cookie, form: { intent: 'new-link', userId: person.id } })),
      ),
    )
    // The refusal is recorded and the job waits before its next try.
    for (;;) {
      const row = await db
        .selectFrom('mail_messages')
        .selectAll()
        .where('to_address', '=', person.email)
        .executeTakeFirst()
      if (row?.last_error) {
        expect(row.sent_at).toBeNull()
        const job = await sql<{ attempts: number; later: boolean }>`SELECT attempts, run_at > now() AS later
          FROM graphile_worker.jobs WHERE key = ${MailRepository.jobKey(row.id)}`.execute(db)
        expect(job.rows).toEqual([{ attempts: 1, later: true }])
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const mail = await onlyMessageTo(person.email)
    expect(mail.subject).toBe('Your invitation to the SCP Portal')
    const row = await db
      .selectFrom('mail_messages')
      .selectAll()
      .where('to_address', '=', person.email)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ attempts: 2, last_error: null })
    expect(row.sent_at).not.toBeNull()
  })
})

describe('password reset', () => {
  const request = (email: string, ip = '192.0.2.10') =>
    call(() =>
      forgot.action(args(makeRequest('/forgot-password', { form: { email }, headers: { 'X-Client-Ip': ip } }))),
    )

  it('emails a one-hour link in French that sets a new password once and ends other sessions', async () => {
    const { user, cookie: oldSession } = await createUserWithSession(db, { email: 'marie@example.test', name: 'Marie' })
    await UserRepository.updateLocale(db, user.id, 'fr')
    const res = await request('MARIE@example.test')
    expect(res.status).toBe(200)
    expect(res.data.sentTo).toBe('MARIE@example.test')
    const mail = await onlyMessageTo(user.email)
    expect(mail.subject).toBe('Réinitialiser votre mot de passe du portail SCP')
    expect(mail.text).toContain('expire dans 60 minutes')
    const link = linkIn(mail, '/reset-password/')
    const token = link.pathname.split('/').pop()!
    const page = await call(() => reset.loader(args(makeRequest(link.pathname), { token })))
    expect(page.data.email).toBe(user.email)
    const set = (form: Record<string, string>) =>
      call(() => reset.action(args(makeRequest(link.pathname, { form }), { token })))
    const mismatch = await set({ newPassword: 'a new long password 1', confirmPassword: 'something else' })
    expect(mismatch.status).toBe(400)
    const done = await set({ newPassword: 'a new long password 1', confirmPassword: 'a new long password 1' })
    expect(done.data.done).toBe(true)
    const sessions = await db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute()
    expect(sessions, `the session ${oldSession} ended`).toEqual([])
    expect((await set({ newPassword: 'another password 22', confirmPassword: 'another password 22' })).status).toBe(404)
    expect((await call(() => reset.loader(args(makeRequest(link.pathname), { token })))).data.email).toBeNull()
  })

  it('answers the same for an unknown address and sends nothing; throttles per address and per client', async () => {
    const unknown = await request('nobody@example.test')
    expect(unknown.status).toBe(200)
    expect(unknown.data.sentTo).toBe('nobody@example.test')
    const user = await createUser(db, { email: 'often@example.test' })
    for (let i = 0; i < 5; i++) expect((await request(user.email, '192.0.2.20')).status).toBe(200)
    await smtp.waitFor(user.email, 3)
    expect(await settled(user.email)).toHaveLength(3)
    expect(await settled('nobody@example.test')).toHaveLength(0)
    for (let i = 0; i < 15; i++) await request(`someone-${i}@example.test`, '192.0.2.20')
    const throttled = await request('last@example.test', '192.0.2.20')
    expect(throttled.status).toBe(429)
    expect(throttled.data.result.error).toEqual({ '': ['mail:forgot.throttled'] })
  })
})

describe('team additions', () => {
  it('tells the person added, in the plan’s working language when they chose none', async () => {
    const { user: lead, cookie } = await createUserWithSession(db, { name: 'Lena Lead' })
    const plan = await createPlan(db, lead.id, { countryCode: 'PH', workingLanguage: 'es', title: 'Plan de pesca' })
    const person = await createUser(db, { constituency: 'workers', email: 'worker@example.test' })
    const res = await call(() =>
      members.action(
        args(
          makeRequest(`/plans/${plan.id}/members`, {
            cookie,
            form: { intent: 'add', userId: person.id, role: 'coauthor' },
          }),
          { planId: plan.id },
        ),
      ),
    )
    expect(res.status).toBe(200)
    const mail = await onlyMessageTo(person.email)
    expect(mail.subject).toBe('Le han añadido al plan «Plan de pesca»')
    expect(mail.text).toContain('Lena Lead le ha añadido al equipo del plan «Plan de pesca» con el rol Coautor.')
    expect(linkIn(mail, `/plans/${plan.id}`).pathname).toBe(`/plans/${plan.id}`)
  })
})

describe('notification emails', () => {
  async function person(delivery: 'instant' | 'daily' | 'off' | null, overrides: { locale?: 'en' | 'fr' | 'es' } = {}) {
    const user = await createUser(db)
    if (overrides.locale) await UserRepository.updateLocale(db, user.id, overrides.locale)
    if (delivery) {
      const all = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, DEFAULT_NOTIFICATION_DELIVERY]))
      await PreferenceRepository.saveAll(db, user.id, { ...all, plan_returned: delivery } as Record<
        NotificationKind,
        'instant'
      >)
    }
    return user
  }

  async function stateOf(userId: string) {
    return (await db.selectFrom('notifications').select('email_state').where('user_id', '=', userId).execute()).map(
      (r) => r.email_state,
    )
  }

  async function until(check: () => Promise<boolean>) {
    while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50))
  }

  it('sends at once, keeps for the digest, or skips, by each person’s choice; inactive people get nothing', async () => {
    const lead = await createUser(db, { name: 'Rita Reviewer' })
    const plan = await createPlan(db, lead.id, { title: 'Palm <oil> plan' })
    const instant = await person(null, { locale: 'fr' })
    const daily = await person('daily')
    const off = await person('off')
    const inactive = await person(null)
    await UserRepository.updateActive(db, inactive.id, false)
    await db.transaction().execute((trx) =>
      insertMany(
        trx,
        [instant, daily, off, inactive].map((u) => ({
          userId: u.id,
          kind: 'plan_returned' as const,
          planId: plan.id,
          actorId: lead.id,
          params: { planTitle: plan.title, actorName: 'Rita Reviewer', note: 'Please add the sector <data>.' },
          path: `/plans/${plan.id}/review`,
        })),
      ),
    )
    // Woken by the notifications' NOTIFY at commit, not by the minute's tick.
    const mail = await onlyMessageTo(instant.email)
    expect(mail.subject).toBe('« Palm <oil> plan » a été renvoyé pour modifications')
    // The sentence is the notifications page's own, in the reader's language.
    expect(mail.text).toContain('Rita Reviewer a renvoyé « Palm <oil> plan » pour modifications.')
    expect(mail.text).toContain('Note : Please add the sector <data>.')
    expect(mail.html).toContain('Palm &lt;oil&gt; plan')
    expect(mail.html).not.toContain('<data>')
    expect(linkIn(mail, `/plans/${plan.id}/review`).pathname).toBe(`/plans/${plan.id}/review`)
    expect(await stateOf(instant.id)).toEqual(['sent'])
    await until(async () => (await stateOf(off.id))[0] === 'skipped' && (await stateOf(inactive.id))[0] === 'skipped')
    await until(async () => (await stateOf(daily.id))[0] === 'digest')
    expect(await settled(daily.email)).toHaveLength(0)

    // A second notification for the daily reader, then the digest run: one message for both.
    // (A row whose params do not fit its kind, as an older release might have left.)
    await db
      .insertInto('notifications')
      .values({ user_id: daily.id, kind: 'plan_returned', path: '/plans', params: '{}' })
      .execute()
    await until(async () => (await stateOf(daily.id)).filter((s) => s === 'digest').length === 2)
    await worker.runner.addJob(DIGEST_TASK, {})
    const digest = await onlyMessageTo(daily.email)
    expect(digest.subject).toBe('SCP Portal: 2 notifications today')
    expect(digest.text).toContain('Rita Reviewer returned “Palm <oil> plan” for changes.')
    // Params that do not fit are worded by the kind's name rather than failing the message.
    expect(digest.text).toContain('Returned for changes')
    expect(await stateOf(daily.id)).toEqual(['sent', 'sent'])
    // A digest run with nothing waiting sends nothing more.
    await worker.runner.addJob(DIGEST_TASK, {})
    await until(
      async () =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs`.execute(db)).rows[0]!.n === 0,
    )
    expect(await settled(daily.email)).toHaveLength(1)
    expect(await settled(off.email)).toHaveLength(0)
    expect(await settled(inactive.email)).toHaveLength(0)
  })
})

describe('the review cycle by email', () => {
  it('sends the submission, the approval and a mention once each, in each reader’s language, linking to the page', async () => {
    const setLocale = async (id: string, locale: 'en' | 'fr' | 'es') => UserRepository.updateLocale(db, id, locale)
    const { user: lead, cookie: leadCookie } = await createUserWithSession(db, { name: 'Léa Lead' })
    await setLocale(lead.id, 'fr')
    const plan = await createPlan(db, lead.id, { title: 'Plan huile de palme' })
    const { user: union, cookie: unionCookie } = await createUserWithSession(db, { constituency: 'workers' })
    const { user: employer, cookie: employerCookie } = await createUserWithSession(db, { constituency: 'employers' })
    await addMember(db, plan.id, union.id, 'coauthor', lead.id)
    await addMember(db, plan.id, employer.id, 'contributor', lead.id)
    const { user: reviewer, cookie: reviewerCookie } = await createUserWithSession(db, {
      constituency: 'ilo',
      globalRole: 'ilo_reviewer',
      name: 'Rita Revisora',
      secondFactor: true,
    })
    await setLocale(reviewer.id, 'es')
    const act = (cookie: string, form: Record<string, string>, query = '') =>
      call(() =>
        review.action(args(makeRequest(`/plans/${plan.id}/review${query}`, { cookie, form }), { planId: plan.id })),
      )

    expect((await act(leadCookie, { intent: 'transition', from: 'draft', name: 'submit' })).status).toBe(200)
    const [submitted] = await smtp.waitFor(reviewer.email)
    expect(submitted!.subject).toBe('«Plan huile de palme» se envió a revisión')
    expect(linkIn(submitted!, `/plans/${plan.id}/review`).pathname).toBe(`/plans/${plan.id}/review`)

    for (const cookie of [leadCookie, unionCookie, employerCookie])
      expect((await act(cookie, { intent: 'endorse', decision: 'endorse' })).status).toBe(200)
    const approve = { intent: 'transition', from: 'in_review', name: 'approve' }
    expect((await act(reviewerCookie, approve, '?approve')).status).toBe(302)
    const approvedSubject = '« Plan huile de palme » a été approuvé'
    await expect.poll(async () => (await settled(lead.email)).map((m) => m.subject)).toContain(approvedSubject)

    const mention = {
      subjectType: 'substep',
      subjectId: '2.2',
      body: `Could @${employer.name} check the survey?`,
      mentions: employer.id,
    }
    const posted = await call(() =>
      comments.action(
        args(makeRequest(`/plans/${plan.id}/comments`, { cookie: unionCookie, form: mention }), { planId: plan.id }),
      ),
    )
    expect(posted.status).toBe(200)
    // Asked to endorse, told of the approval, then mentioned.
    await smtp.waitFor(employer.email, 3)

    // Once each: the reviewer's submission, the lead's approval, the employer's mention.
    const reviewerMail = await settled(reviewer.email)
    expect(reviewerMail.filter((m) => m.subject === submitted!.subject)).toHaveLength(1)
    expect((await settled(lead.email)).filter((m) => m.subject === approvedSubject)).toHaveLength(1)
    const employerMail = await settled(employer.email)
    const mentioned = employerMail.filter((m) => m.subject.includes('mentioned you'))
    expect(mentioned, employerMail.map((m) => m.subject).join(' | ')).toHaveLength(1)
    expect(mentioned[0]!.text).toContain(`Could @${employer.name} check the survey?`)
    expect(linkIn(mentioned[0]!, `/plans/${plan.id}/steps/2.2`).hash).toBe('#discussion')
  })
})
