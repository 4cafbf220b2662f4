import { definePanels } from '../define-panels.ts'
import { type stakeholderPriorities } from './substep.server.ts'
import { StakeholderPrioritiesPanel } from './StakeholderPriorities.tsx'

export const panels = definePanels<typeof stakeholderPriorities>({ before: StakeholderPrioritiesPanel })
