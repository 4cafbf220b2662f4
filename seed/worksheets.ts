import { type DemoContext, type DemoPlan, type DemoSeed } from '#app/method/define-demo.ts'
import { demo as mandate } from '#app/method/1.1-mandate/demo.ts'
import { demo as resources } from '#app/method/1.2-resources/demo.ts'
import { demo as dataSources } from '#app/method/1.3-data-sources/demo.ts'
import { demo as issuesAndTargets } from '#app/method/2.1-issues-and-targets/demo.ts'
import { demo as prioritise } from '#app/method/2.2-prioritise/demo.ts'
import { demo as targetMap } from '#app/method/2.3-target-map/demo.ts'
import { demo as causeTree } from '#app/method/3.1-cause-tree/demo.ts'
import { demo as influences } from '#app/method/3.2-influences/demo.ts'
import { demo as stakeholders } from '#app/method/4.1-stakeholders/demo.ts'
import { demo as stakeholderPriorities } from '#app/method/4.2-stakeholder-priorities/demo.ts'
import { demo as stakeholderMap } from '#app/method/4.3-stakeholder-map/demo.ts'
import { demo as interventions } from '#app/method/5.1-interventions/demo.ts'
import { demo as interventionPriorities } from '#app/method/5.2-intervention-priorities/demo.ts'
import { demo as interventionMap } from '#app/method/5.3-intervention-map/demo.ts'
import { demo as implementationChart } from '#app/method/6.2-implementation-chart/demo.ts'
import { type Executor } from '#db/executor.ts'
import { type DemoIds } from './demo.ts'
import { seedItems } from './items.ts'
import { seedMonitoring } from './monitoring.ts'
import { seedComments } from './comments.ts'

// Each sub-step's part of the worked example, in sub-step order: a later one finds what an earlier
// one wrote through the context.
const DEMOS: DemoSeed[] = [
  mandate,
  resources,
  dataSources,
  issuesAndTargets,
  prioritise,
  targetMap,
  causeTree,
  influences,
  stakeholders,
  stakeholderPriorities,
  stakeholderMap,
  interventions,
  interventionPriorities,
  interventionMap,
  // 6.1, the plan map, draws what the sub-steps before it hold: it has nothing of its own to seed.
  implementationChart,
]

type SeedContext = DemoContext & { refs(plan: DemoPlan, kind: string): Record<string, string> }

/** A demo context over the demo's plans and people that remembers every item written, by plan, kind and ref. */
function demoContext(db: Executor, ids: DemoIds): SeedContext {
  const written = new Map<string, Record<string, string>>()
  const key = (plan: DemoPlan, kind: string) => `${plan}/${kind}`
  const known = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The demo seed has no ${what}`)
    return value
  }
  const context: SeedContext = {
    db,
    plan: (plan) => known(ids.plans[plan], `plan ${plan}`),
    user: (email) => known(ids.users[email], `user ${email}`),
    refs: (plan, kind) => written.get(key(plan, kind)) ?? {},
    async items(plan, author, kind, refPrefix, rows) {
      const added = await seedItems(db, context.plan(plan), author, kind, refPrefix, rows)
      written.set(key(plan, kind), { ...context.refs(plan, kind), ...added })
      return added
    },
    id: (plan, kind, ref) => known(context.refs(plan, kind)[ref], `${kind} ${ref} in ${plan}`),
  }
  return context
}

export async function seedWorksheets(db: Executor, ids: DemoIds): Promise<void> {
  const demo = demoContext(db, ids)
  for (const seed of DEMOS) await seed(demo)
  await seedComments(db, ids, { issues: demo.refs('palm-oil', 'issue'), causes: demo.refs('palm-oil', 'cause') })
  await seedMonitoring(db, ids)
}
