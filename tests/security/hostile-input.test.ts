import { randomBytes } from 'node:crypto'
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { addMember, createPlan } from '#tests/factories/index.ts'
import { getDb } from '#app/utils/db.server.ts'
import { FORM_FIELD_LIMITS } from '#app/utils/form-limits.ts'
import { MAX_IMPORT_BYTES } from '#app/monitoring/import.server.ts'
import { bodyLimitFor, FORM_BODY_LIMIT, UPLOAD_BODY_LIMIT } from '#app/utils/request-limits.server.ts'
import { createUserWithSession, sessionCookieFor } from '#tests/utils.ts'
import { send, type HostileRequest } from './http.ts'
import { startPortal, type Portal } from './portal.ts'

// Every route of the Remix route manifest, as every kind of visitor, fed requests no browser form
// sends, through a real HTTP server with the production request chain (ADR 031). Nothing may
// answer 5xx and /healthz must stay healthy. A route added later is exercised without touching
// this file; one with a new URL parameter fails until PARAMS says what to put there.

const db = getDb()
let portal: Portal

const ROLES = ['anonymous', 'lead', 'coauthor', 'contributor', 'viewer', 'iloReviewer', 'admin', 'outsider'] as const
type Role = (typeof ROLES)[number]

interface Fixture {
  planId: string
  userIds: Partial<Record<Role, string>>
}

async function makeFixture(): Promise<Fixture> {
  const lead = await createUserWithSession(db)
  const plan = await createPlan(db, lead.user.id)
  const userIds: Fixture['userIds'] = { lead: lead.user.id }
  for (const role of ['coauthor', 'contributor', 'viewer'] as const) {
    const { user } = await createUserWithSession(db)
    await addMember(db, plan.id, user.id, role, lead.user.id)
    userIds[role] = user.id
  }
  userIds.iloReviewer = (await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })).user.id
  userIds.admin = (await createUserWithSession(db, { constituency: 'ilo', globalRole: 'admin' })).user.id
  userIds.outsider = (await createUserWithSession(db)).user.id
  return { planId: plan.id, userIds }
}

/** A fresh session per batch: a corpus posted to /logout ends the one it was sent with. */
async function cookieFor(fixture: Fixture, role: Role): Promise<Record<string, string>> {
  const userId = fixture.userIds[role]
  return userId ? { Cookie: await sessionCookieFor(userId) } : {}
}

/** What each URL parameter of the manifest is filled with: real rows where the route needs them. */
const PARAMS: Record<string, (f: Fixture) => string> = {
  planId: (f) => f.planId,
  substep: () => '2.1',
  token: () => randomBytes(16).toString('hex'),
  number: () => '1',
  role: () => 'planner',
}

/** Parameter values no link produces. */
const ABSURD_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '%00',
  'x'.repeat(300),
  '..%2F..%2Fetc%2Fpasswd',
  '9'.repeat(40),
]

interface RouteUnderTest {
  id: string
  pattern: string
  index: boolean
  hasAction: boolean
}

function manifestRoutes(): RouteUnderTest[] {
  const routes = portal.build.routes
  const fullPath = (id: string): string => {
    const route = routes[id]!
    const parent = route.parentId ? fullPath(route.parentId) : ''
    return [parent, route.path ?? ''].filter(Boolean).join('/')
  }
  return Object.keys(routes).map((id) => ({
    id,
    pattern: `/${fullPath(id)}`,
    index: Boolean(routes[id]!.index),
    hasAction: Boolean(routes[id]!.module.action),
  }))
}

function urlFor(route: RouteUnderTest, fill: (name: string) => string): string {
  return route.pattern.replace(/:(\w+)/g, (_, name: string) => fill(name)) || '/'
}

function paramValue(fixture: Fixture) {
  return (name: string) => {
    const value = PARAMS[name]
    if (!value) throw new Error(`no value for the route parameter :${name}; add one to PARAMS`)
    return value(fixture)
  }
}

/** The single-fetch URL a browser's form submission posts to. */
function dataUrl(route: RouteUnderTest, path: string): string {
  return `${path === '/' ? '/_root' : path}.data${route.index ? '?index' : ''}`
}

const form = (body: string) => ({ body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })

function multipart(fields: [string, string][]): HostileRequest {
  const boundary = 'hostile-boundary'
  const body =
    fields
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + `--${boundary}--\r\n`
  return { body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } }
}

/** Requests the limits refuse whatever the route and visitor: [label, request for this path, status]. */
function limitCorpus(path: string): [string, HostileRequest, number][] {
  const limit = bodyLimitFor(new URL(path, 'http://x').pathname)
  const filler = (bytes: number) => `intent=add&title=${'a'.repeat(bytes - 17)}`
  const deep = `x${'[a]'.repeat(50_000)}=1`
  return [
    ['a body one byte over the limit', form(filler(limit + 1)), 413],
    [
      'a chunked body over the limit',
      {
        chunks: Array.from({ length: Math.ceil(limit / 65_536) + 1 }, () => Buffer.alloc(65_536, 'a')),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      413,
    ],
    ['a huge array index', form('email=a@b.c&password=x&x[99999999]=1'), 400],
    ['an index just above the bound', form(`intent=add&x[${FORM_FIELD_LIMITS.arrayIndex + 1}]=1`), 400],
    ['a 50,000-deep field name', form(deep), 400],
    ['a field name nested one level too deep', form(`a${'.b'.repeat(FORM_FIELD_LIMITS.nameSegments)}=1`), 400],
    ['a field name one character too long', form(`${'n'.repeat(FORM_FIELD_LIMITS.nameLength + 1)}=1`), 400],
    [
      'one field too many',
      form(Array.from({ length: FORM_FIELD_LIMITS.fields + 1 }, (_, i) => `f${i}=1`).join('&')),
      400,
    ],
    ['a prototype key as a name', form('intent=add&__proto__[isAdmin]=1'), 400],
    ['constructor.prototype as a name', form('intent=add&constructor.prototype.isAdmin=1'), 400],
    ['a JSON body', { body: '{"intent":"add","title":"x"}', headers: { 'Content-Type': 'application/json' } }, 415],
    [
      'an octet-stream body',
      { body: Buffer.from([0, 1, 2, 255]), headers: { 'Content-Type': 'application/octet-stream' } },
      415,
    ],
    ['a text/plain body', { body: 'intent=add&title=x', headers: { 'Content-Type': 'text/plain' } }, 415],
    ['a body without Content-Type', { body: 'intent=add&title=x' }, 415],
    [
      'a broken multipart body',
      {
        body: '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterminated',
        headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
      },
      400,
    ],
    [
      'a multipart body with a huge index',
      multipart([
        ['intent', 'add'],
        ['x[99999999]', '1'],
      ]),
      400,
    ],
  ]
}

// The intents that store text somewhere, and two that must not resolve to a prototype member.
const INTENTS = [
  'add',
  'invite',
  'item:create',
  'item:update',
  'measurement:add',
  'transition',
  'endorse',
  'selection:save',
  '__proto__',
  'constructor',
]
const TEXT_FIELDS = [
  'title',
  'name',
  'acronym',
  'description',
  'statement',
  'note',
  'comment',
  'body',
  'source',
  'region',
  'rationale',
  'evidenceSource',
  'email',
  'q',
  'label',
  'summary',
]

/** Forms that pass the limits and must then be refused (or harmlessly handled) by the route. */
function semanticCorpus(fixture: Fixture): [string, HostileRequest][] {
  const nulForm = (intent: string, kind: string) => {
    const params = new URLSearchParams({
      intent,
      kind,
      subjectType: 'plan',
      subjectId: fixture.planId,
      period: '0000-Q1',
      value: '1',
      year: '2020',
      countryCode: 'PH',
      locale: 'fr',
    })
    for (const field of TEXT_FIELDS) params.set(field, 'a\u0000b')
    return form(params.toString())
  }
  return [
    ...INTENTS.map((intent): [string, HostileRequest] => [
      `NUL in every text field (${intent})`,
      nulForm(intent, 'issue'),
    ]),
    ['kind=__proto__', form('intent=item:create&kind=__proto__&title=x')],
    ['kind=constructor', form('intent=item:create&kind=constructor&title=x')],
    [
      'periods 0000 and 0000-Q1',
      form('intent=measurement:add&indicatorId=00000000-0000-0000-0000-000000000000&period=0000&value=1'),
    ],
    [
      'an absurd id in the form',
      form(`intent=remove&id=${'9'.repeat(40)}&userId=%00&indicatorId=not-a-uuid&version=1e308`),
    ],
    ['repeated fields', form('intent=add&intent=remove&title=a&title=b&locale=fr&locale=es')],
    ['an empty form', form('')],
    ['an unknown intent', form('intent=drop-table')],
    ['broken percent-encoding', form('intent=%zz&title=%E0%A4%A&locale=%')],
  ]
}

/**
 * Runs every route's batch of requests through one pool, a few at a time (the server interleaves
 * them as it would real visitors), and checks /healthz as soon as a route's batch is done. One pool
 * for all routes rather than one per route: a route no longer waits, with the pool nearly idle, for
 * its slowest visitor before the next route may start.
 */
async function batchesInParallel(batches: (() => Promise<void>)[][], width = 4): Promise<void> {
  const tasks = batches.flatMap((batch, b) => batch.map((task) => ({ task, b })))
  const left = batches.map((batch) => batch.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const { task, b } = tasks[next++]!
      await task()
      if (--left[b]! === 0) await expectHealthy()
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
}

const LARGE = new Set(['a body one byte over the limit', 'a chunked body over the limit'])
const SAMPLE = new Set(['NUL in every text field (item:create)', 'kind=__proto__', 'an empty form'])

const exercised = new Map<string, string>()
let fixture: Fixture

async function expectHealthy() {
  const health = await send(portal.url, '/healthz', { method: 'GET' })
  expect(health.status, '/healthz after the batch').toBe(200)
}

beforeAll(async () => {
  // Remix logs each refused request (a PUT to a route without an action, a thrown 400) with its
  // stack; thousands of those would only slow the suite down. The statuses are what is checked.
  vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  portal = await startPortal()
}, 120_000)

afterAll(async () => {
  await portal?.close()
  vi.restoreAllMocks()
})

describe('every route of the manifest, every visitor, hostile input', () => {
  it('refuses every over-limit, mis-shaped or non-form body with the limit’s status, echoing nothing', async () => {
    fixture = await makeFixture()
    const wrong: string[] = []
    const batches: (() => Promise<void>)[][] = []
    for (const [index, route] of manifestRoutes().entries()) {
      const path = urlFor(route, paramValue(fixture))
      exercised.set(route.id, path)
      // The limits run before any session is read: each route gets the whole corpus as one visitor
      // (a different one per route) and the small cases spread over the others.
      const corpus = limitCorpus(path)
      const cookies = await Promise.all(ROLES.map((role) => cookieFor(fixture, role)))
      const tasks = ROLES.flatMap((role, r) =>
        corpus
          .filter(([label], c) => r === index % ROLES.length || (!LARGE.has(label) && c % ROLES.length === r))
          .map(([label, request, status]) => async () => {
            const cookie = cookies[r]!
            const target = label.startsWith('a chunked') ? path : dataUrl(route, path)
            const res = await send(portal.url, target, { ...request, headers: { ...request.headers, ...cookie } })
            if (res.status !== status)
              wrong.push(`${route.id} as ${role}, ${label}: ${res.status} (expected ${status})`)
            if (/99999999|\[a\]\[a\]\[a\]|isAdmin/.test(res.text))
              wrong.push(`${route.id} as ${role}, ${label}: the reply echoes the input`)
          }),
      )
      batches.push(tasks)
    }
    await batchesInParallel(batches)
    expect(wrong).toEqual([])
  }, 120_000)

  it('answers forms with NUL bytes, prototype keys, impossible periods and absurd ids with 4xx or a redirect, never 5xx', async () => {
    fixture = await makeFixture()
    const failures: string[] = []
    const batches = manifestRoutes().map((route) => {
      const path = urlFor(route, paramValue(fixture))
      return ROLES.map((role) => async () => {
        const cookie = await cookieFor(fixture, role)
        // The lead and the administrator get past every guard, so they get the whole corpus; the
        // others are refused before their form is read, which a few cases show. Without an action
        // every post gets the same 405.
        const full = semanticCorpus(fixture)
        const corpus = !route.hasAction
          ? full.slice(0, 1)
          : role === 'lead' || role === 'admin'
            ? full
            : full.filter(([label]) => SAMPLE.has(label))
        for (const [label, request] of corpus) {
          const res = await send(portal.url, dataUrl(route, path), {
            ...request,
            headers: { ...request.headers, ...cookie },
          })
          if (res.status >= 500) failures.push(`${route.id} as ${role}, ${label}: ${res.status}`)
          if (!route.hasAction && res.status !== 405)
            failures.push(`${route.id} as ${role}, ${label}: ${res.status} (no action, expected 405)`)
        }
      })
    })
    await batchesInParallel(batches)
    expect(failures).toEqual([])
  }, 120_000)

  it('answers wrong methods, absurd ids in the URL and hostile query strings with no 5xx', async () => {
    fixture = await makeFixture()
    const failures: string[] = []
    const hostileQuery =
      'region=%00&q=%00&country=%00&x[99999999]=1&page=99999999999999&sort=__proto__&dir=constructor&year=1e308'
    const batches = manifestRoutes().map((route, index) => {
      const path = urlFor(route, paramValue(fixture))
      return ROLES.map((role, r) => async () => {
        const cookie = await cookieFor(fixture, role)
        const method = ['PUT', 'PATCH', 'DELETE'][(index + r) % 3]!
        const requests: [string, string, HostileRequest][] = [
          [`${method} with a form`, dataUrl(route, path), { method, ...form('intent=remove') }],
        ]
        if (route.pattern.includes(':')) {
          // Each visitor gets one absurd id per route, a different one on each route.
          const absurd = urlFor(route, () => ABSURD_IDS[(index + r) % ABSURD_IDS.length]!)
          requests.push(
            [`GET ${absurd.slice(0, 60)}`, absurd, { method: 'GET' }],
            [`POST to ${absurd.slice(0, 60)}`, dataUrl(route, absurd), form('intent=remove')],
          )
        }
        // Signed-in members would start real exports here; the hostile query needs no rights to arrive.
        if (role === 'anonymous' || role === 'outsider')
          requests.push([
            'GET with a hostile query',
            `${path}?${route.index ? 'index&' : ''}${hostileQuery}`,
            { method: 'GET' },
          ])
        for (const [label, target, request] of requests) {
          const res = await send(portal.url, target, { ...request, headers: { ...request.headers, ...cookie } })
          if (res.status >= 500) failures.push(`${route.id} as ${role}, ${label}: ${res.status}`)
        }
      })
    })
    await batchesInParallel(batches)
    expect(failures).toEqual([])
  }, 120_000)

  it('exercised every route of the manifest, each at a URL that reaches it', () => {
    const routes = portal.build.routes
    const tree = (parentId: string | undefined): AgnosticRouteObject[] =>
      Object.values(routes)
        .filter((r) => r.parentId === parentId)
        .map((r) =>
          r.index ? { id: r.id, path: r.path, index: true } : { id: r.id, path: r.path, children: tree(r.id) },
        )
    const unreached: string[] = []
    for (const id of Object.keys(routes)) {
      const path = exercised.get(id)
      if (path === undefined) {
        unreached.push(`${id}: never requested`)
        continue
      }
      const matches = matchRoutes(tree(undefined), path) ?? []
      // A layout is reached whenever a request passes through it; a leaf must be the deepest match.
      if (!matches.some((m) => m.route.id === id)) unreached.push(`${id}: ${path} does not reach it`)
    }
    expect(unreached).toEqual([])
  })
})

describe('the limits at their edges', () => {
  const TOO_LARGE = /^Request body too large/
  const padded = (bytes: number) => `email=a%40b.c&password=x&pad=${'a'.repeat(bytes - 29)}`

  it('survives the 53-byte sign-in that used to exhaust the heap, and a 50,000-deep field name', async () => {
    const index = await send(portal.url, '/login', form('email=a@b.c&password=x&x[99999999]=1'))
    expect(index).toMatchObject({ status: 400, text: 'Form field index too large (limit 1000)' })
    const deep = await send(portal.url, '/login', form(`email=a@b.c&password=x&x${'[a]'.repeat(50_000)}=1`))
    expect(deep).toMatchObject({ status: 400, text: 'Form field name too long (limit 100 characters)' })
    expect((await send(portal.url, '/login', { method: 'GET' })).status).toBe(200)
    await expectHealthy()
  })

  it('answers a 50 MB body with 413 from its declared length, before it is sent', async () => {
    const res = await send(portal.url, '/login', {
      declaredLength: 50 * 1024 * 1024,
      body: 'email=a@b.c&password=x&pad=',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(res).toMatchObject({ status: 413, text: `Request body too large (limit ${FORM_BODY_LIMIT} bytes)` })
    await expectHealthy()
  })

  it('accepts a form of exactly 1 MiB and refuses one byte more, with or without a declared length', async () => {
    expect(FORM_BODY_LIMIT).toBe(1024 * 1024)
    const atLimit = await send(portal.url, '/login', form(padded(FORM_BODY_LIMIT)))
    expect(atLimit.status).toBeLessThan(500)
    expect(atLimit.text).not.toMatch(TOO_LARGE)
    expect(await send(portal.url, '/login', form(padded(FORM_BODY_LIMIT + 1)))).toMatchObject({
      status: 413,
      text: expect.stringMatching(TOO_LARGE),
    })

    const chunked = (bytes: number) => {
      const body = Buffer.from(padded(bytes))
      return {
        chunks: [body.subarray(0, 1000), body.subarray(1000)],
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }
    }
    const chunkedAtLimit = await send(portal.url, '/login', chunked(FORM_BODY_LIMIT))
    expect(chunkedAtLimit.status).toBeLessThan(500)
    expect(chunkedAtLimit.text).not.toMatch(TOO_LARGE)
    expect(await send(portal.url, '/login', chunked(FORM_BODY_LIMIT + 1))).toMatchObject({
      status: 413,
      text: expect.stringMatching(TOO_LARGE),
    })
  })

  it('lets the spreadsheet uploads carry up to 4 MiB, twice their file limit, and no more', async () => {
    expect(UPLOAD_BODY_LIMIT).toBeGreaterThanOrEqual(2 * MAX_IMPORT_BYTES)
    const { cookie } = await createUserWithSession(db, { constituency: 'ilo', globalRole: 'ilo_reviewer' })
    const upload = (bytes: number) => {
      const head =
        '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nimport\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n'
      const tail = '\r\n--b--\r\n'
      return {
        body: head + 'a'.repeat(bytes - head.length - tail.length) + tail,
        headers: { 'Content-Type': 'multipart/form-data; boundary=b', Cookie: cookie },
      }
    }
    // At the limit the route answers itself (its own translated "file too large"), not the limits.
    const atLimit = await send(portal.url, '/statistics.data', upload(UPLOAD_BODY_LIMIT))
    expect(atLimit.status).toBeLessThan(500)
    expect(atLimit.text).not.toMatch(TOO_LARGE)
    expect(await send(portal.url, '/statistics.data', upload(UPLOAD_BODY_LIMIT + 1))).toMatchObject({
      status: 413,
      text: `Request body too large (limit ${UPLOAD_BODY_LIMIT} bytes)`,
    })
    // Any other route holds forms to 1 MiB, multipart or not.
    expect((await send(portal.url, '/account.data', upload(FORM_BODY_LIMIT + 1))).status).toBe(413)
    await expectHealthy()
  })
})
