import { type Executor } from '../executor.ts'
import { type DemoIds } from './demo.ts'
import { seedStep1 } from './step1.ts'
import { seedStep2 } from './step2.ts'

// Each step adds its part of the worked example here, in step order; later steps use the ids of earlier ones.
export async function seedWorksheets(db: Executor, ids: DemoIds): Promise<void> {
  const step1 = await seedStep1(db, ids)
  await seedStep2(db, ids, step1)
}
