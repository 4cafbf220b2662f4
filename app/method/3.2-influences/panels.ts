import { definePanels } from '../define-panels.ts'
import { InfluenceBalancePanel } from './InfluenceBalance.tsx'
import { type influences } from './substep.server.ts'

export const panels = definePanels<typeof influences>({ before: InfluenceBalancePanel })
