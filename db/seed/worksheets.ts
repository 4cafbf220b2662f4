import { type Executor } from '../executor.ts'
import { type DemoIds } from './demo.ts'
import { seedStep1 } from './step1.ts'

// Each step adds its part of the worked example here, in step order; later steps use the ids of earlier ones.
export async function seedWorksheets(db: Executor, ids: DemoIds): Promise<void> {
  await seedStep1(db, ids)
}
