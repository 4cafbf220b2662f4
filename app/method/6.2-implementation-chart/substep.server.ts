import { defineSubstep } from '../define.server.ts'
import { selectionsIn } from '../5.2-intervention-priorities/selections.server.ts'
import { implementationChartSection } from './export.server.ts'
import { activityCheck, loadChart } from './implementation-chart.server.ts'
import { isMeasurableOutcome, worksheet } from './worksheet.ts'

export const implementationChart = defineSubstep({
  worksheet,
  load: loadChart,
  // The chart's own load already holds what the warnings of activities and indicators need.
  plausibility: ({ horizon, decisions }) => ({ period: horizon, decisions }),
  checks: { activity: activityCheck },
  /** Done when every selected intervention has an activity and an outcome indicator has both ends. */
  progress: (content) => {
    const [items, selected] = [content.items('activity', 'indicator'), selectionsIn(content).selected]
    if (items.length === 0)
      return {
        status: 'not_started',
        missing: ['progress.missing.noActivities', 'progress.missing.noOutcomeIndicator'],
      }
    const covered = new Set(items.filter((i) => i.kind === 'activity').map((i) => i.data.intervention))
    const missing: string[] = []
    if (selected.size === 0) missing.push('progress.missing.noInterventionSelected')
    else if ([...selected].some((id) => !covered.has(id))) missing.push('progress.missing.selectedWithoutActivity')
    if (!items.some((i) => i.kind === 'indicator' && isMeasurableOutcome(i.data)))
      missing.push('progress.missing.noOutcomeIndicator')
    return { status: missing.length ? 'in_progress' : 'done', missing }
  },
  exportSection: implementationChartSection,
})
