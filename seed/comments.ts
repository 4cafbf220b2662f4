import { type Executor } from '#db/executor.ts'
import * as CommentRepository from '#db/repositories/comments.ts'
import { type DemoIds } from './demo.ts'

/** A few discussions on the palm oil plan: the union on I1, a reply, the ILO reviewer on 2.2, an employer on a cause. */
export async function seedComments(
  db: Executor,
  demo: DemoIds,
  refs: { issues: Record<string, string>; causes: Record<string, string> },
) {
  const palm = demo.plans['palm-oil']!
  const user = (email: string) => demo.users[email]!
  // The seed runs in one transaction (one now()), so each comment gets its own time, days apart.
  let daysAgo = 5
  const add = (input: {
    subjectType: 'item' | 'substep'
    subjectId: string
    label: string
    author: string
    body: string
    parentId?: string
  }) =>
    CommentRepository.insert(db, {
      planId: palm,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      parentId: input.parentId ?? null,
      authorId: user(input.author),
      body: input.body,
      label: input.label,
      createdAt: new Date(Date.now() - daysAgo-- * 86_400_000 + 3_600_000 * 9),
    })
  const union = await add({
    subjectType: 'item',
    subjectId: refs.issues.I1!,
    label: 'I1',
    author: 'union@demo.example',
    body: 'Our survey of 600 harvesters found 62 % on casual daily status, some for more than five years. Please cite it (D5) as evidence for I1.',
  })
  await add({
    subjectType: 'item',
    subjectId: refs.issues.I1!,
    label: 'I1',
    author: 'planner@demo.example',
    parentId: union.id,
    body: 'Done: D5 is now listed with the inspection records and the complaints log.',
  })
  await add({
    subjectType: 'substep',
    subjectId: '2.2',
    label: '2.2',
    author: 'ilo@demo.example',
    body: 'The spread on I1 × T1 leverage (3–5) is well explained by the recorded dissent. Consider keeping I4 × T1 visible for the next cycle, since its score is close.',
  })
  await add({
    subjectType: 'item',
    subjectId: refs.causes.C6!,
    label: 'C6',
    author: 'estate@demo.example',
    body: 'Many supervisors rely on an old circular about seasonal work; the guidance note should quote the Employment Act s.59 test directly.',
  })
}
