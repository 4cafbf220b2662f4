import { definePanels } from '../define-panels.ts'
import { ResourceRatiosPanel } from './ResourceRatios.tsx'
import { type resources } from './substep.server.ts'

export const panels = definePanels<typeof resources>({ after: ResourceRatiosPanel })
