import { randomUUID } from 'node:crypto'
import { generateSecret } from 'otplib'
import { seal } from '#app/utils/secret-box.server.ts'
import { PLAN_DEFAULT_ITEMS } from '#app/method/plan-defaults.server.ts'
import { type Executor } from '#db/executor.ts'
import { type Constituency, type GlobalRole, type PlanRole } from '#db/types.ts'
import * as OrganisationRepository from '#db/repositories/organisations.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import * as UserRepository from '#db/repositories/users.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import * as TotpRepository from '#db/repositories/totp-credentials.ts'

// Setup helpers for tests and the seed: each call makes unique names so tests never collide.

export async function createOrganisation(
  db: Executor,
  overrides: Partial<{
    name: string
    constituency: Constituency
    countryCode: string | null
    acronym: string | null
  }> = {},
) {
  const constituency = overrides.constituency ?? 'government'
  return OrganisationRepository.insert(db, {
    name: overrides.name ?? `Organisation ${randomUUID().slice(0, 8)}`,
    acronym: overrides.acronym ?? null,
    constituency,
    agencyType: constituency === 'government' ? 'labour_inspectorate' : null,
    countryCode: constituency === 'ilo' ? null : (overrides.countryCode ?? 'PH'),
  })
}

export async function createUser(
  db: Executor,
  overrides: Partial<{
    email: string
    name: string
    organisationId: string
    constituency: Constituency
    globalRole: GlobalRole
    passwordHash: string | null
  }> = {},
) {
  const organisationId =
    overrides.organisationId ??
    (await createOrganisation(db, { constituency: overrides.constituency ?? 'government' })).id
  const suffix = randomUUID().slice(0, 8)
  const user = await UserRepository.insert(db, {
    email: overrides.email ?? `user-${suffix}@example.test`,
    name: overrides.name ?? `User ${suffix}`,
    organisationId,
    globalRole: overrides.globalRole ?? 'member',
    passwordHash: overrides.passwordHash ?? null,
  })
  return { ...user, organisationId, globalRole: overrides.globalRole ?? 'member' }
}

export async function createPlan(db: Executor, leadId: string, overrides: Partial<PlanRepository.PlanInput> = {}) {
  return PlanRepository.insertWithLead(
    db,
    {
      title: overrides.title ?? `Plan ${randomUUID().slice(0, 8)}`,
      countryCode: overrides.countryCode ?? 'PH',
      region: overrides.region ?? null,
      sectors: overrides.sectors ?? ['A'],
      scope: overrides.scope ?? 'national',
      startDate: overrides.startDate ?? '2026-01-01',
      endDate: overrides.endDate ?? '2027-12-31',
      workingLanguage: overrides.workingLanguage ?? 'en',
    },
    leadId,
    PLAN_DEFAULT_ITEMS,
  )
}

export async function addMember(db: Executor, planId: string, userId: string, role: PlanRole, actorId: string) {
  await MemberRepository.upsert(db, { planId, userId, role, actorId })
}

/**
 * Turns two-factor on for a user with a known secret, as a finished enrolment leaves it (without
 * recovery codes); returns the secret, from which tests compute codes with otplib. `key` is the
 * encryption key of the server that will read it (the e2e server's; vitest's by default).
 */
export async function enrolSecondFactor(db: Executor, userId: string, { key }: { key?: Buffer } = {}) {
  const secret = generateSecret()
  await TotpRepository.startEnrolment(db, userId, key ? seal(secret, userId, key) : seal(secret, userId))
  await TotpRepository.enable(db, userId)
  return secret
}
