// A participant's own scores for one item (a 2.2 pair, a 4.2 stakeholder, a 5.2 intervention),
// saved through the shared merge protocol (ADR 036). Only the participant edits their scores, but
// they may do so from two tabs or devices: the page that saves last must not put back the scores
// the other one replaced. Scores have no version column, so the scores the form started from
// (`base`) are the version, compared again under the repository's lock.
import { type Db } from '#db/client.ts'
import * as ScoreRepository from '#db/repositories/scores.ts'
import { changedFields, type Values } from '../conflicts/merge.ts'
import { saveOnBase, type SaveOutcome } from '../conflicts/save.server.ts'

export interface SavedScores {
  /** The scored item. */
  id: string
  /** Always 0: the values are the version. */
  version: number
  /** All of the participant's scores for the item after the save. */
  data: Values
}

/**
 * Saves `values` (criterion → score, null clears it) for one participant and item, started from
 * `base` (the scores the form showed). A criterion changed elsewhere meanwhile is merged when this
 * form left it alone and refused with 409 when this form changed it too.
 */
export async function saveScoresOnBase(
  db: Db,
  input: {
    planId: string
    subjectId: string
    scorerId: string
    values: Record<string, number | null>
    base: Values | null
  },
): Promise<SaveOutcome<SavedScores>> {
  const fields = Object.keys(input.values)
  const load = async () => {
    const { values, scorerName } = await ScoreRepository.findForScorer(db, input)
    return { id: input.subjectId, version: 0, data: values as Values, by: scorerName }
  }
  // A first score needs no base: with nothing saved for these criteria there is nothing to overwrite.
  let base = input.base
  if (!base && changedFields(fields, {}, (await load()).data).length === 0) base = {}
  return saveOnBase({
    fields,
    version: null,
    base,
    mine: input.values,
    load,
    write: async (values, current) => {
      const scores = Object.fromEntries(fields.map((f) => [f, typeof values[f] === 'number' ? values[f] : null]))
      await ScoreRepository.upsertForScorer(db, {
        planId: input.planId,
        subjectId: input.subjectId,
        scorerId: input.scorerId,
        values: scores,
        expected: current.data as Record<string, number>,
      })
      const after = Object.fromEntries(Object.entries({ ...current.data, ...scores }).filter(([, v]) => v !== null))
      return { id: input.subjectId, version: 0, data: after }
    },
  })
}
