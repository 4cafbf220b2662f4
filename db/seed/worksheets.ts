import { type Executor } from '../executor.ts'
import { type DemoIds } from './demo.ts'

// Each worksheet module adds its part of the worked example here, in step order.
export async function seedWorksheets(_db: Executor, _ids: DemoIds): Promise<void> {}
