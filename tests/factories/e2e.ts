// People and plans made straight in the e2e server's database, for the Playwright specs (the
// `factories` fixture of tests/playwright-utils.ts). A test that makes its own changes nothing
// another test reads, so every spec runs two at a time (ADR 043).
import { randomUUID } from 'node:crypto'
import { type Db } from '#db/client.ts'
import { type PlanInput } from '#db/repositories/plans.ts'
import * as SelectionRepository from '#db/repositories/intervention-selections.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type Constituency, type GlobalRole, type PlanRole } from '#db/types.ts'
import { type NotificationKind } from '#core/vocabulary.ts'
import { E2E_TOTP_KEY } from '../e2e/database-url.ts'
import { addMember, createOrganisation, createPlan, createUser, enrolSecondFactor } from './index.ts'

// Kalindra, the demo's fictional country: made plans sit next to the demo plans on its dashboard.
const COUNTRY = 'XL'

/** Someone who signs in with the demo password; the portal shows them as `Name (Organisation)`. */
export interface Person {
  id: string
  email: string
  name: string
  /** Their organisation's acronym, as the portal shows it next to their name. */
  organisation: string
  /** Their authenticator's secret when two-factor is on (`login` then answers the second step). */
  totpSecret?: string
}

/** The members a made plan gets besides its lead: the constituency of each role's organisation. */
export type TeamRoles = Partial<Record<Exclude<PlanRole, 'lead'>, Constituency>>

const ROLE_NAMES: Record<PlanRole, string> = {
  lead: 'Lead',
  coauthor: 'Coauthor',
  contributor: 'Contributor',
  viewer: 'Viewer',
}

const suffix = () => randomUUID().slice(0, 8)

/** The factories over one database; `passwordHash` is the demo password's, hashed once per worker. */
export function e2eFactories(db: Db, passwordHash: string) {
  /** A person in an organisation of their own, of `constituency`, named `<as> <random>`. */
  async function person(
    constituency: Constituency,
    {
      as = 'Person',
      globalRole = 'member',
      domain = 'e2e.example',
    }: { as?: string; globalRole?: GlobalRole; domain?: string } = {},
  ): Promise<Person> {
    const id = suffix()
    const acronym = `${constituency.slice(0, 3).toUpperCase()}-${id}`
    const organisation = await createOrganisation(db, {
      name: `Organisation ${acronym}`,
      acronym,
      constituency,
      countryCode: COUNTRY,
    })
    const name = `${as} ${id}`
    const user = await createUser(db, {
      email: `${as.toLowerCase()}-${id}@${domain}`,
      name,
      organisationId: organisation.id,
      globalRole,
      passwordHash,
    })
    return { id: user.id, email: user.email, name, organisation: acronym }
  }

  /**
   * An ILO reviewer: reads, comments on and approves every plan without being on its team. Two-factor
   * is on, as approving needs (ADR 064): `login` signs them in with a code from `totpSecret`.
   */
  async function reviewer(): Promise<Person> {
    const made = await person('ilo', { as: 'Reviewer', globalRole: 'ilo_reviewer' })
    return { ...made, totpSecret: await enrolSecondFactor(db, made.id, { key: Buffer.from(E2E_TOTP_KEY, 'hex') }) }
  }

  /**
   * A draft plan in Kalindra led by a new government person, with one new member per role in
   * `roles`, as a plan made on the portal starts (its default items included).
   */
  async function planWithTeam<R extends TeamRoles>(roles: R, plan: Partial<PlanInput> = {}) {
    const lead = await person('government', { as: ROLE_NAMES.lead })
    const made = await createPlan(db, lead.id, { title: `Plan ${suffix()}`, countryCode: COUNTRY, ...plan })
    const members: Partial<Record<PlanRole, Person>> = {}
    for (const [role, constituency] of Object.entries(roles) as [PlanRole, Constituency][]) {
      const member = await person(constituency, { as: ROLE_NAMES[role] })
      await addMember(db, made.id, member.id, role, lead.id)
      members[role] = member
    }
    // Every role asked for is there: the type says so, so the specs need no checks.
    return { planId: made.id, title: made.title, lead, ...(members as Record<keyof R, Person>) }
  }

  /** Adds a 6.2 indicator (K1, K2 … in order) to a plan, as its lead. */
  async function indicator(planId: string, lead: Person, data: Record<string, unknown>) {
    return ItemRepository.insert(db, { planId, kind: 'indicator', refPrefix: 'K', data, actorId: lead.id })
  }

  /** Adds a 5.1 intervention (V1, V2 … in order) with the 5.2 decision `decision`, as the plan's lead. */
  async function intervention(planId: string, lead: Person, title: string, decision: string) {
    const item = await ItemRepository.insert(db, {
      planId,
      kind: 'intervention',
      refPrefix: 'V',
      data: { title, interventionType: 'targeted_inspection' },
      actorId: lead.id,
    })
    await SelectionRepository.save(db, {
      planId,
      interventionId: item.id,
      expectedVersion: null,
      data: { decision, rationale: `Decided in the ${suffix()} workshop` },
      actorId: lead.id,
    })
    return item
  }

  /** Adds a worksheet item of any kind to a plan, as `by` (refs `refPrefix`1, 2 … in order). */
  async function item(planId: string, by: Person, kind: string, refPrefix: string, data: Record<string, unknown>) {
    return ItemRepository.insert(db, { planId, kind, refPrefix, data, actorId: by.id })
  }

  /** Requires the organisation account for a domain (give a domain of the test's own, as other tests run at once). */
  async function requireOrganisationSignIn(domain: string) {
    await db.insertInto('sign_in_policies').values({ domain }).execute()
  }

  /** What the portal has told someone (newest first): until the notifications page, specs read them here. */
  function notificationsOf(userId: string, kind?: NotificationKind) {
    let query = db
      .selectFrom('notifications')
      .select(['kind', 'params', 'path', 'actor_id', 'plan_id', 'dedupe_key'])
      .where('user_id', '=', userId)
    if (kind) query = query.where('kind', '=', kind)
    return query.orderBy('created_at', 'desc').execute()
  }

  return { person, reviewer, planWithTeam, indicator, intervention, item, requireOrganisationSignIn, notificationsOf }
}

export type E2eFactories = ReturnType<typeof e2eFactories>
