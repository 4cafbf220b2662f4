import { definePanels } from '../define-panels.ts'
import { StatisticsPanel } from './StatisticsPanel.tsx'
import { type dataSources } from './substep.server.ts'

export const panels = definePanels<typeof dataSources>({ after: StatisticsPanel })
