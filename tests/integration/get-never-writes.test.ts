import { type LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as InvitationRepository from '#db/repositories/invitations.ts'
import * as SignoffRepository from '#db/repositories/signoffs.ts'
import { DEMO_PASSWORD } from '#seed/accounts.ts'
import { seedDemo } from '#seed/demo.ts'
import { hashPassword, randomToken, sha256 } from '#app/utils/crypto.server.ts'
import { getDb } from '#app/utils/db.server.ts'
import { SUBSTEP_CODES } from '#core/substeps.ts'
import { planProgress } from '#app/worksheets/progress.server.ts'
import * as rootModule from '#app/root.tsx'
import { args, makeRequest, sessionCookieFor } from '#tests/utils.ts'

// A GET must never change the database: every page and resource route, with every dynamic segment
// filled in, is loaded as every demo role (and anonymously), and a fingerprint of every table is
// compared before and after. The route list comes from app/routes/, so a new route is covered.
//
// The writes a GET may make: sliding the session's idle expiry (ADR 002), so the sessions table is
// compared on who is signed in, not on when they were last seen; and bringing the stored
// completeness of a plan whose content changed up to date (ADR 037), a cache of what the progress
// rules say about the content: completion_generations is compared on its content generation (which
// only writes of content move), and substep_completion is checked to equal the rules afterwards.

const db = getDb()
type Loader = (args: LoaderFunctionArgs) => Promise<unknown>
const routeModules = import.meta.glob<{ loader?: Loader }>([
  '../../app/routes/*.{ts,tsx}',
  '!../../app/routes/*.test.{ts,tsx}',
])
const ROLES = ['admin', 'planner', 'union', 'employer', 'viewer', 'fisheries', 'ilo'] as const

/** One line per table: its row count and a digest of every row. */
async function fingerprint(): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%' ORDER BY tablename`.execute(
    db,
  )
  const parts = tables
    .filter(({ tablename }) => tablename !== 'substep_completion')
    .map(({ tablename }) =>
      tablename === 'sessions'
        ? sql`SELECT 'sessions' AS name, count(*)::text || ':' || coalesce(sum(hashtext(id_hash || user_id)::bigint), 0)::text AS digest FROM sessions`
        : tablename === 'completion_generations'
          ? sql`SELECT 'completion_generations' AS name, count(*)::text || ':' || coalesce(sum(hashtext(plan_id::text || ':' || content)::bigint), 0)::text AS digest FROM completion_generations`
          : sql`SELECT ${tablename} AS name, count(*)::text || ':' || coalesce(sum(hashtext(t::text)::bigint), 0)::text AS digest FROM ${sql.table(tablename)} t`,
    )
  const { rows } = await sql<{ name: string; digest: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db)
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]))
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name])
}

/** `plans.$planId.steps.$substep.tsx` → the URLs and params to load it with. */
function expand(file: string, values: Record<string, string[]>): { url: string; params: Record<string, string> }[] {
  const name = file.replace(/^.*\/routes\//, '').replace(/\.tsx?$/, '')
  let variants: { path: string[]; params: Record<string, string> }[] = [{ path: [], params: {} }]
  for (const segment of name.split(/\.(?![^[]*\])/)) {
    if (segment === '_index') continue
    if (segment.startsWith('$')) {
      const key = segment.slice(1)
      const options = values[key] ?? []
      variants = variants.flatMap((v) =>
        options.map((option) => ({ path: [...v.path, option], params: { ...v.params, [key]: option } })),
      )
    } else {
      variants = variants.map((v) => ({ ...v, path: [...v.path, segment.replace(/\[\.\]/g, '.')] }))
    }
  }
  const query: Record<string, string> = {
    comments: '?subjectType=substep&subjectId=2.2',
    search: '?q=wage',
    dashboard: '?region=North',
  }
  return variants.map((v) => ({ url: `/${v.path.join('/')}${query[v.path.at(-1) ?? ''] ?? ''}`, params: v.params }))
}

/** Runs the loader and drains (or, for a never-ending event stream, cancels) whatever it answers. */
async function load(loader: Loader, url: string, params: Record<string, string>, cookie: string | undefined) {
  const controller = new AbortController()
  const request = new Request(makeRequest(url, { cookie }), { signal: controller.signal })
  let result: unknown
  try {
    result = await loader(args(request, params))
  } catch (thrown) {
    result = thrown
  }
  if (result instanceof Response && result.body) {
    if (result.headers.get('Content-Type')?.includes('text/event-stream')) {
      controller.abort()
      await result.body.cancel().catch(() => {})
    } else {
      await result.arrayBuffer()
    }
  }
  controller.abort()
}

let chromiumPath: string | undefined
beforeAll(() => {
  // The PDF routes fall back to their "no Chromium" answer: what they read is what matters here.
  chromiumPath = process.env.CHROMIUM_PATH
  process.env.CHROMIUM_PATH = '/nonexistent/chromium'
})
afterAll(() => {
  if (chromiumPath === undefined) delete process.env.CHROMIUM_PATH
  else process.env.CHROMIUM_PATH = chromiumPath
})

describe('GET requests', () => {
  it('change nothing in the database, for any page, role or plan', { timeout: 600_000 }, async () => {
    const ids = await seedDemo(db, await hashPassword(DEMO_PASSWORD))
    const palm = ids.plans['palm-oil']!
    const fishing = ids.plans['fishing']!
    // A plan whose lead removed every criterion: the state in which 2.2 once re-created them on read.
    await db.deleteFrom('worksheet_items').where('plan_id', '=', fishing).where('kind', '=', 'criterion').execute()
    const versions = await db
      .selectFrom('plan_versions')
      .select(['number'])
      .where('plan_id', 'in', [palm, fishing])
      .execute()
    const token = randomToken()
    const invitee = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'viewer@demo.example')
      .executeTakeFirstOrThrow()
    await InvitationRepository.insert(db, {
      tokenHash: sha256(token),
      userId: invitee.id,
      createdBy: ids.users['admin@demo.example']!,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    const values = {
      planId: [palm, fishing],
      substep: [...SUBSTEP_CODES],
      number: [...new Set(['1', ...versions.map((v) => String(v.number))])],
      token: [token],
    }
    const cookies: [string, string | undefined][] = [['anonymous', undefined]]
    for (const role of ROLES) cookies.push([role, await sessionCookieFor(ids.users[`${role}@demo.example`]!)])

    const pages: { file: string; loader: Loader; url: string; params: Record<string, string> }[] = []
    for (const [file, importModule] of Object.entries(routeModules)) {
      const { loader } = await importModule()
      if (loader) for (const target of expand(file, values)) pages.push({ file, loader, ...target })
    }
    pages.push({ file: 'root.tsx', loader: rootModule.loader, url: '/plans', params: {} })
    expect(pages.length).toBeGreaterThan(80)
    expect(fishing).toMatch(/^[0-9a-f-]{36}$/)
    expect(pages.some((p) => p.url === `/plans/${fishing}/steps/2.2`)).toBe(true)

    const writes: string[] = []
    let before = await fingerprint()
    for (const [role, cookie] of cookies) {
      for (const page of pages) {
        await load(page.loader, page.url, page.params, cookie)
        const after = await fingerprint()
        const changed = changedTables(before, after)
        if (changed.length) writes.push(`${role} GET ${page.url}: ${changed.join(', ')}`)
        before = after
      }
    }
    expect(writes).toEqual([])
    // The stored completeness the pages and the dashboard brought up to date is what the rules say.
    for (const planId of [palm, fishing]) {
      const live = (await planProgress(db, planId)).filter((p) => p.status === 'done').map((p) => p.code)
      expect([...(await SignoffRepository.findCompletion(db, [planId])).get(planId)!].sort()).toEqual(live.sort())
    }
    expect(await SignoffRepository.findStaleCompletion(db)).toEqual([])
    const criteria = await db
      .selectFrom('worksheet_items')
      .select('id')
      .where('plan_id', '=', fishing)
      .where('kind', '=', 'criterion')
      .execute()
    expect(criteria).toEqual([])
  })
})
