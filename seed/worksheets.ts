import { type Executor } from '#db/executor.ts'
import { type DemoIds } from './demo.ts'
import { seedMonitoring } from './monitoring.ts'
import { seedComments } from './comments.ts'
import { seedStep1 } from './step1.ts'
import { seedStep2 } from './step2.ts'
import { seedStep3 } from './step3.ts'
import { seedStep4 } from './step4.ts'
import { seedStep5 } from './step5.ts'
import { seedStep6 } from './step6.ts'

// Each step adds its part of the worked example here, in step order; later steps use the ids of earlier ones.
export async function seedWorksheets(db: Executor, ids: DemoIds): Promise<void> {
  const step1 = await seedStep1(db, ids)
  const step2 = await seedStep2(db, ids, step1)
  const step3 = await seedStep3(db, ids, step2)
  const step4 = await seedStep4(db, ids, {
    palm: { nodes: step2.palm.nodes, influences: step3.palm.influences },
    fishing: { nodes: step2.fishing.nodes, influences: step3.fishing.influences },
  })
  const step5 = await seedStep5(db, ids, {
    nodes: step2.palm.nodes,
    influences: step3.palm.influences,
    causes: step3.palm.causes,
    stakeholders: step4.palm.stakeholders,
  })
  await seedStep6(db, ids, { interventions: step5.palm.interventions, sources: step1.palm.sources })
  await seedComments(db, ids, { issues: step2.palm.issues, causes: step3.palm.causes })
  await seedMonitoring(db, ids)
}
