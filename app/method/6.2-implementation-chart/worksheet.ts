// 6.2 Implementation chart: the activities of the selected interventions over the plan's quarters,
// and the indicators that measure them.
import { riskNoteSpec } from '../../monitoring/risk-note.ts'
import { onLeftOutIntervention, outsidePeriod, present } from '../../worksheets/plausibility.ts'
import { type KindSpec } from '../../worksheets/spec.ts'
import { defineWorksheet } from '../define.ts'

export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'done', 'delayed', 'cancelled'] as const
export const INDICATOR_TYPES = ['output', 'outcome', 'compliance'] as const
export const INDICATOR_UNITS = ['percent', 'count', 'ratio', 'currency', 'days', 'other'] as const
export const PERIODICITIES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const
export const DISAGGREGATIONS = ['sex', 'age', 'task', 'worker_group', 'sub_sector', 'estate_size', 'other'] as const

/** A row of the implementation chart. The intervention must be a selected one (checked on the server). */
export const activitySpec: KindSpec = {
  kind: 'activity',
  substep: '6.2',
  refPrefix: 'A',
  titleField: 'activity',
  ordered: true,
  fields: [
    { name: 'intervention', type: 'link', kind: 'intervention', required: true },
    { name: 'activity', type: 'text', required: true, max: 300 },
    { name: 'leadOrganisation', type: 'text', max: 200 },
    { name: 'partners', type: 'text', max: 300 },
    { name: 'startDate', type: 'date', required: true },
    { name: 'endDate', type: 'date', required: true },
    { name: 'resources', type: 'text', max: 300 },
    { name: 'outputs', type: 'text', max: 300 },
    { name: 'status', type: 'enum', options: ACTIVITY_STATUSES, required: true },
    { name: 'risks', type: 'longtext', max: 2000 },
  ],
  columns: [
    'intervention',
    'activity',
    'leadOrganisation',
    'partners',
    'startDate',
    'endDate',
    'resources',
    'outputs',
    'status',
  ],
  refine: (d) =>
    typeof d.startDate === 'string' && typeof d.endDate === 'string' && d.endDate < d.startDate
      ? [{ path: 'endDate', message: 'validation.endBeforeStart' }]
      : [],
  // An activity dated outside the plan, or left under an intervention the team has since deferred or
  // dropped in 5.2, is kept (the decision may change again) but flagged.
  plausibility: (d, ctx) => [
    ...onLeftOutIntervention(d, ctx, 'intervention'),
    ...outsidePeriod(d, ctx, ['startDate', 'endDate']),
  ],
}

/**
 * A plan indicator. Monitoring (issue 5) reads these field names: name, indicatorType, unit,
 * definition, baselineValue, baselineDate, targetValue, targetDate, periodicity, dataSource (id of a
 * 1.3 data_source), disaggregation, responsibleOrganisation, activities (ids of activities).
 * Keep them stable; see docs/decisions/008-interventions-and-chart.md.
 */
export const indicatorSpec: KindSpec = {
  kind: 'indicator',
  substep: '6.2',
  refPrefix: 'K',
  titleField: 'name',
  ordered: true,
  fields: [
    { name: 'name', type: 'text', required: true, max: 300 },
    { name: 'indicatorType', type: 'enum', options: INDICATOR_TYPES, required: true },
    { name: 'unit', type: 'enum', options: INDICATOR_UNITS, required: true },
    { name: 'definition', type: 'longtext', max: 2000 },
    { name: 'baselineValue', type: 'number', min: -1e12, max: 1e12 },
    { name: 'baselineDate', type: 'date' },
    { name: 'targetValue', type: 'number', min: -1e12, max: 1e12 },
    { name: 'targetDate', type: 'date' },
    { name: 'periodicity', type: 'enum', options: PERIODICITIES },
    { name: 'dataSource', type: 'link', kind: 'data_source' },
    { name: 'disaggregation', type: 'multiEnum', options: DISAGGREGATIONS },
    { name: 'responsibleOrganisation', type: 'text', max: 200 },
    // Who on the team reports the measurements and is reminded when they are due (ADR 062); the
    // plan's leads when nobody is named.
    { name: 'responsiblePerson', type: 'member', hint: 'hints.responsiblePerson' },
    { name: 'activities', type: 'links', kind: 'activity' },
    // Monitoring adds the latest values of these indicators into "workers reached".
    { name: 'countsWorkersReached', type: 'boolean' },
  ],
  columns: [
    'name',
    'indicatorType',
    'unit',
    'baselineValue',
    'baselineDate',
    'targetValue',
    'targetDate',
    'dataSource',
    'disaggregation',
  ],
  refine: (d) =>
    typeof d.baselineDate === 'string' && typeof d.targetDate === 'string' && d.targetDate <= d.baselineDate
      ? [{ path: 'targetDate', message: 'validation.targetBeforeBaseline' }]
      : [],
  // Without a baseline or a target date, monitoring cannot say whether the plan is on track.
  plausibility: (d, ctx) => [
    ...(present(d.baselineValue) && present(d.baselineDate)
      ? []
      : [{ field: 'baselineValue', key: 'plausibility.noBaseline' }]),
    ...(present(d.targetDate) ? [] : [{ field: 'targetDate', key: 'plausibility.noTargetDate' }]),
    ...outsidePeriod(d, ctx, ['targetDate']),
  ],
}

/** Whether an indicator measures an outcome with both ends set (what 6.2 needs to be done). */
export function isMeasurableOutcome(data: Record<string, unknown>) {
  return (
    (data.indicatorType === 'outcome' || data.indicatorType === 'compliance') &&
    typeof data.baselineValue === 'number' &&
    typeof data.targetValue === 'number'
  )
}

// Risk notes are written on the monitoring page, against the chart's activities.
export const worksheet = defineWorksheet({
  code: '6.2',
  kinds: [activitySpec, indicatorSpec, riskNoteSpec],
  lists: ['activity', 'indicator'],
  linkKinds: ['intervention', 'data_source'],
})
