import { definePanels } from '../define-panels.ts'
import { PlanMapPanel } from './PlanMap.tsx'
import { type planMap } from './substep.server.ts'

export const panels = definePanels<typeof planMap>({ before: PlanMapPanel })
