import { type Db } from '#db/client.ts'
import { type Executor } from '#db/executor.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import * as OrganisationRepository from '#db/repositories/organisations.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { DEMO_ORGANISATIONS, DEMO_USERS, FISHING_PLAN, PALM_OIL_PLAN } from './accounts.ts'
import { seedSignoffs } from './signoffs.ts'
import { seedStatistics } from './statistics.ts'
import { seedWorksheets } from './worksheets.ts'

/** Whether the database holds no people yet (the demo is loaded only then). */
export async function isEmpty(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  return row === undefined
}

export interface DemoIds {
  users: Record<string, string>
  organisations: Record<string, string>
  plans: Record<string, string>
}

/** Loads the worked example: organisations, people, the palm oil and fishing plans and their teams. */
export async function seedDemo(db: Db, passwordHash: string): Promise<DemoIds> {
  return db.transaction().execute(async (trx) => {
    const organisations: Record<string, string> = {}
    for (const o of DEMO_ORGANISATIONS) {
      const row = await OrganisationRepository.insert(trx, {
        name: o.name,
        acronym: o.acronym,
        constituency: o.constituency,
        agencyType: o.agencyType ?? null,
        countryCode: o.countryCode,
      })
      organisations[o.key] = row.id
    }
    const users: Record<string, string> = {}
    for (const u of DEMO_USERS) {
      const row = await UserRepository.insert(trx, {
        email: u.email,
        name: u.name,
        organisationId: organisations[u.organisation]!,
        globalRole: u.globalRole,
        passwordHash,
      })
      users[u.email] = row.id
    }
    const plans: Record<string, string> = {}
    for (const p of [PALM_OIL_PLAN, FISHING_PLAN]) {
      const leadId = users[p.lead]!
      const plan = await PlanRepository.insertWithLead(trx, p, leadId)
      plans[p.key] = plan.id
      for (const [email, role] of p.members) {
        await MemberRepository.upsert(trx, { planId: plan.id, userId: users[email]!, role, actorId: leadId })
      }
    }
    const ids = { users, organisations, plans }
    await seedWorksheets(trx, ids)
    await seedSignoffs(trx, ids)
    await seedStatistics(trx, users['ilo@demo.example']!)
    return ids
  })
}
