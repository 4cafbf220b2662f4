import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as MailRepository from '#db/repositories/mail-messages.ts'
import { createUser } from '#tests/factories/index.ts'
import { startSmtpServer, type TestSmtpServer } from '#tests/smtp-server.ts'
import { getDb } from '../utils/db.server.ts'
import { queueInvitation } from './enqueue.server.ts'

// A message survives the death of the process that was sending it: the runner runs in a child
// process, killed (SIGKILL, no chance to clean up) after the SMTP server refused its first try;
// a new process then sends the message, once.

const PUBLIC_URL = 'https://portal.example.org'
const db = getDb()
let smtp: TestSmtpServer
const children = new Set<ChildProcess>()

beforeAll(async () => {
  process.env.PUBLIC_URL = PUBLIC_URL
  smtp = await startSmtpServer()
})

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  await smtp.close()
  delete process.env.PUBLIC_URL
})

function startRunner(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/mail-worker-process.ts'], {
    env: { ...process.env, SMTP_URL: smtp.url, PUBLIC_URL },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.add(child)
  child.on('exit', () => children.delete(child))
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('ready\n')) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`runner exited (${code}) before it was ready`)))
  })
}

async function until<T>(read: () => Promise<T | undefined | null | false>): Promise<T> {
  for (;;) {
    const value = await read()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

it('sends a message exactly once across a killed runner process', async () => {
  smtp.refuseNext(1_000)
  const first = await startRunner()
  const user = await createUser(db, { email: 'survivor@example.test', name: 'Survivor' })
  const id = await db
    .transaction()
    .execute((trx) =>
      queueInvitation(trx, { user: { ...user, locale: null }, inviter: 'Ada', token: 'x'.repeat(43), days: 7 }),
    )
  // The first process tried, was refused, and is killed while the job waits for its next try.
  await until(() =>
    db
      .selectFrom('mail_messages')
      .select('last_error')
      .where('id', '=', id)
      .where('last_error', 'is not', null)
      .executeTakeFirst(),
  )
  const exited = new Promise((resolve) => first.once('exit', resolve))
  first.kill('SIGKILL')
  await exited
  expect(smtp.messages).toHaveLength(0)

  smtp.refuseNext(0)
  const second = await startRunner()
  const [mail] = await smtp.waitFor(user.email)
  expect(mail!.subject).toBe('Your invitation to the SCP Portal')
  const row = await until(() =>
    db.selectFrom('mail_messages').selectAll().where('id', '=', id).where('sent_at', 'is not', null).executeTakeFirst(),
  )
  expect(row.attempts).toBe(2)
  expect(mail!.messageId).toBe(`<${id}@portal.example.org>`)
  // The job is gone: nothing will send it again, even after another restart.
  await until(async () => {
    const { rows } = await MailRepository.countJobs(db, id)
    return rows[0]!.n === 0
  })
  second.kill('SIGTERM')
  await new Promise((resolve) => second.once('exit', resolve))
  expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(1)
})
