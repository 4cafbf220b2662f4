import { definePanels } from '../define-panels.ts'
import { EscalationLadderPanel, SelectedLinksPanel } from './EscalationLadder.tsx'
import { type interventionMap } from './substep.server.ts'

export const panels = definePanels<typeof interventionMap>({ before: SelectedLinksPanel, after: EscalationLadderPanel })
