import { definePanels } from '../define-panels.ts'
import { InterventionPrioritiesPanel } from './InterventionPriorities.tsx'
import { type interventionPriorities } from './substep.server.ts'

export const panels = definePanels<typeof interventionPriorities>({ before: InterventionPrioritiesPanel })
