// A sub-step's part of the demo plans (the worked example of scp-method.md §4). Each folder's
// `demo.ts` writes its own kinds for both demo plans through this context; `seed/` runs them in
// sub-step order, so a later sub-step finds what an earlier one wrote by plan, kind and ref
// (`id('palm-oil', 'issue', 'I1')`) instead of ids passed from hand to hand. Demo data is never
// imported by the portal itself, only by `seed/`.
import { type Executor } from '#db/executor.ts'

export type DemoPlan = 'palm-oil' | 'fishing'

export interface DemoContext {
  db: Executor
  /** A demo plan's id. */
  plan(key: DemoPlan): string
  /** A demo account's user id, by e-mail. */
  user(email: string): string
  /** Inserts items of one kind in order, as the portal numbers them (M1, M2 …); returns their ids by ref. */
  items(
    plan: DemoPlan,
    author: string,
    kind: string,
    refPrefix: string,
    rows: Record<string, unknown>[],
  ): Promise<Record<string, string>>
  /** The id of an item written before, by plan, kind and ref; an unknown ref fails the seed. */
  id(plan: DemoPlan, kind: string, ref: string): string
}

/** Writes one sub-step's demo content for both plans. */
export type DemoSeed = (demo: DemoContext) => Promise<void>
