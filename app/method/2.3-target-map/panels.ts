import { TargetMapPanel } from '../../worksheets/ui/TargetMap.tsx'
import { definePanels } from '../define-panels.ts'
import { type targetMap } from './substep.server.ts'

export const panels = definePanels<typeof targetMap>({ before: TargetMapPanel })
