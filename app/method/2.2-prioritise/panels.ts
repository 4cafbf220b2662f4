import { definePanels } from '../define-panels.ts'
import { CriteriaPanel, PrioritisationPanel } from './Prioritisation.tsx'
import { type prioritise } from './substep.server.ts'

export const panels = definePanels<typeof prioritise>({ before: CriteriaPanel, after: PrioritisationPanel })
