import { substepScopes } from '#app/signoff/scopes.server.ts'
import { evaluateCompletion } from '#app/signoff/completion.server.ts'
import { type SubstepCode } from '#core/substeps.ts'
import { type Transaction } from 'kysely'
import * as SignoffRepository from '#db/repositories/signoffs.ts'
import { type DB } from '#db/types.ts'
import { type DemoIds } from './demo.ts'

// The palm oil team has agreed step 1 and the issues of 2.1; on the prioritisation the employers
// agreed with a reservation, and the target map awaits the social partners. The fishing plan's
// team has agreed nothing yet. Both plans' completeness is stored for the dashboard (ADR 037).

type Signer = { email: string; organisation: string; constituency: SignoffRepository.SignoffConstituency }
const PLANNER: Signer = { email: 'planner@demo.example', organisation: 'pmo-liu', constituency: 'government' }
const UNION: Signer = { email: 'union@demo.example', organisation: 'fpwu-sh', constituency: 'workers' }
const EMPLOYER: Signer = { email: 'employer@demo.example', organisation: 'kpga-sh', constituency: 'employers' }

const PALM_OIL: [SubstepCode, Signer, string | null][] = [
  ...(['1.1', '1.2', '1.3', '2.1'] as const).flatMap((code) =>
    [PLANNER, UNION, EMPLOYER].map((s): [SubstepCode, Signer, null] => [code, s, null]),
  ),
  ['2.2', PLANNER, null],
  ['2.2', UNION, null],
  [
    '2.2',
    EMPLOYER,
    'The smallholder estates supplying the mills should be scored apart from the large estates before the ranking is final.',
  ],
  ['2.3', PLANNER, null],
]

export async function seedSignoffs(trx: Transaction<DB>, ids: DemoIds) {
  const planId = ids.plans['palm-oil']!
  for (const [code, signer, reason] of PALM_OIL) {
    await SignoffRepository.upsert(trx, {
      planId,
      substep: code,
      constituency: signer.constituency,
      decision: reason ? 'reserve' : 'agree',
      reason,
      organisationId: ids.organisations[signer.organisation]!,
      userId: ids.users[signer.email]!,
      scopes: substepScopes(code),
    })
  }
  for (const id of Object.values(ids.plans)) await evaluateCompletion(trx, id)
}
