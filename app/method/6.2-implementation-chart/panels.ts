import { definePanels } from '../define-panels.ts'
import { ImplementationChartPanel } from './ImplementationChart.tsx'
import { type implementationChart } from './substep.server.ts'

export const panels = definePanels<typeof implementationChart>({ before: ImplementationChartPanel })
