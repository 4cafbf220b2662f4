import { definePanels } from '../define-panels.ts'
import { CauseTreePanel } from './CauseTree.tsx'
import { type causeTree } from './substep.server.ts'

export const panels = definePanels<typeof causeTree>({ before: CauseTreePanel })
