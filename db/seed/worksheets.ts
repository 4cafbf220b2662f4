import { type Executor } from '../executor.ts'
import { type DemoIds } from './demo.ts'
import { seedStep1 } from './step1.ts'
import { seedStep5 } from './step5.ts'
import { seedStep6 } from './step6.ts'

// Each step adds its part of the worked example here, in step order; later steps use the ids of earlier ones.
export async function seedWorksheets(db: Executor, ids: DemoIds): Promise<void> {
  const step1 = await seedStep1(db, ids)
  const step5 = await seedStep5(db, ids)
  await seedStep6(db, ids, { interventions: step5.palm.interventions, sources: step1.palm.sources })
}
