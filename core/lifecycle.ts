// Who may move a plan between states (docs/decisions/009-plan-lifecycle.md). Isomorphic.
import { type PlanStatus } from './vocabulary.ts'
import { canOnPlan, type Actor, type PlanAction, type PlanRole } from './permissions.ts'

export interface Transition {
  from: PlanStatus
  to: PlanStatus
  /** The permission needed; the first matching transition the actor may take wins. */
  action: PlanAction
  /** Translation key of the button (common namespace, lifecycle.transitions.*). */
  name: string
  /** Whether a note is required (e.g. why a plan goes back for changes). */
  noteRequired?: boolean
  /**
   * Whether only someone who holds a second factor, recently proved by this session, may take it
   * (ADR 064): an approval fixes a national plan, so a stolen password alone must not do it.
   */
  secondFactor?: boolean
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'in_review', action: 'plan:submit', name: 'submit' },
  { from: 'in_review', to: 'draft', action: 'plan:submit', name: 'withdraw' },
  { from: 'in_review', to: 'approved', action: 'plan:approve', name: 'approve', secondFactor: true },
  { from: 'in_review', to: 'draft', action: 'plan:approve', name: 'returnForChanges', noteRequired: true },
  { from: 'approved', to: 'implementing', action: 'plan:advance', name: 'startImplementing' },
  { from: 'implementing', to: 'completed', action: 'plan:advance', name: 'complete' },
  { from: 'approved', to: 'draft', action: 'plan:advance', name: 'revise' },
  { from: 'implementing', to: 'draft', action: 'plan:advance', name: 'revise' },
  { from: 'draft', to: 'archived', action: 'plan:advance', name: 'archive' },
  { from: 'completed', to: 'archived', action: 'plan:advance', name: 'archive' },
  { from: 'archived', to: 'draft', action: 'plan:advance', name: 'reopen' },
]

/** The transitions this actor may take from the plan's current status. */
export function availableTransitions(actor: Actor, role: PlanRole | null, status: PlanStatus): Transition[] {
  return TRANSITIONS.filter((t) => t.from === status && canOnPlan(actor, role, t.action))
}

/** The named transition from `from`, if the actor may take it (names are unique per status). */
export function findTransition(
  actor: Actor,
  role: PlanRole | null,
  from: PlanStatus,
  name: string,
): Transition | undefined {
  return availableTransitions(actor, role, from).find((t) => t.name === name)
}
