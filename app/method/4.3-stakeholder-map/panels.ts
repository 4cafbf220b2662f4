import { definePanels } from '../define-panels.ts'
import { type stakeholderMap } from './substep.server.ts'
import { StakeholderMapPanel } from './StakeholderMap.tsx'

export const panels = definePanels<typeof stakeholderMap>({ after: StakeholderMapPanel })
