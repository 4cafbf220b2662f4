// What each kind of notification carries (issue 14, ADR 061): the facts a message needs to be
// worded in the recipient's language, by the portal's notifications page and by the email alike.
// Producers write these params; readers parse them with the same schema, so a row written by an
// older release (or by hand) that does not fit is shown in a generic wording rather than failing.
// Values are taken when the thing happens (the plan's title then, the actor's name then): a
// message says what was true when it was sent. Free text (a note, a comment) is an excerpt.
import { z } from 'zod'
import { NOTIFICATION_KINDS, TRIPARTITE, type NotificationKind } from './vocabulary.ts'

/** Longest excerpt of a note or comment a notification carries; the page it links to has the rest. */
export const EXCERPT_MAX = 280

/** `text` shortened to at most `max` characters on a word boundary where one is near, with an ellipsis. */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`
}

const name = z.string().max(300)
const snippet = z.string().max(EXCERPT_MAX)
const count = z.number().int().positive()

/** Every message names the plan and who acted (null when the account is gone). */
const base = { planTitle: name, actorName: name.nullable() }

const organisation = { organisation: name, constituency: z.enum(TRIPARTITE) }

export const NOTIFICATION_PARAMS = {
  /** To the ILO reviewers: a plan awaits review. `submission` counts the plan's submissions (2 = resubmitted). */
  plan_submitted: z.object({ ...base, submission: count }),
  /** To the team: a reviewer sent the plan back to draft, with the reviewer's note. */
  plan_returned: z.object({ ...base, note: snippet }),
  /** To the team: the plan is approved as version `version`. */
  plan_approved: z.object({ ...base, version: count }),
  /** To the team members of an organisation whose endorsement the submitted plan needs. */
  endorsement_requested: z.object({ ...base, ...organisation, submission: count }),
  /** To the leads and ILO reviewers: an organisation endorsed the plan or objected to it. */
  endorsement_recorded: z.object({
    ...base,
    ...organisation,
    decision: z.enum(['endorse', 'object']),
    comment: snippet.nullable(),
  }),
  /**
   * To the team and the organisations concerned: approved although endorsements were missing or an
   * organisation objected, with the reviewer's reason. Replaces `plan_approved` for those people.
   */
  endorsement_overridden: z.object({
    ...base,
    version: count,
    reason: snippet,
    missing: z.array(z.enum(TRIPARTITE)).max(TRIPARTITE.length),
    objections: z.array(name).max(50),
  }),
  /**
   * To the author of the record commented on (a review comment) or of the comment answered (a
   * reply). `subject` is what the thread is about; `ref` names it (a record's code such as I1, a
   * sub-step's code), null for the plan itself.
   */
  review_comment: z.object({
    ...base,
    subject: z.enum(['item', 'substep', 'plan']),
    ref: z.string().max(100).nullable(),
    reply: z.boolean(),
    excerpt: snippet,
  }),
  /**
   * To a person mentioned in a comment (`where: 'comment'`, its thread's `subject` and `ref` as for
   * review comments), in a sub-step's co-edited notes (`'notes'`, subject `substep`, `ref` its code)
   * or in the plan narrative (`'narrative'`, subject `plan`). `actorName` is null when the mention's
   * author is not known (an edit made before authors were recorded).
   */
  mention: z.object({
    ...base,
    where: z.enum(['comment', 'notes', 'narrative']),
    subject: z.enum(['item', 'substep', 'plan']),
    ref: z.string().max(100).nullable(),
    excerpt: snippet,
  }),
  /**
   * To the person responsible for an indicator's reporting (`responsible`), else to the plan's leads:
   * the measurement for `period` is due on `dueDate`, or overdue since then.
   */
  measurement_due: z.object({
    planTitle: name,
    indicator: name,
    ref: z.string().max(20),
    period: z.string().max(20),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    overdue: z.boolean(),
    responsible: z.boolean(),
  }),
} as const satisfies Record<NotificationKind, z.ZodTypeAny>

export type NotificationParams<K extends NotificationKind> = z.infer<(typeof NOTIFICATION_PARAMS)[K]>

/** A notification's kind with its params, when they fit the kind's schema. */
export type ParsedNotification = {
  [K in NotificationKind]: { kind: K; params: NotificationParams<K> }
}[NotificationKind]

/** The kind and params of a stored row, or null when the kind is unknown or the params do not fit. */
export function parseNotification(kind: string, params: unknown): ParsedNotification | null {
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) return null
  const parsed = NOTIFICATION_PARAMS[kind as NotificationKind].safeParse(params)
  return parsed.success ? ({ kind, params: parsed.data } as ParsedNotification) : null
}
