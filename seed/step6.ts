import { quarterDates } from '#app/worksheets/timeline.ts'
import { type Executor } from '#db/executor.ts'
import { type DemoIds } from './demo.ts'
import { seedItems } from './step1.ts'

type Refs = Record<string, string>

const span = (from: string, to: string) => ({ startDate: quarterDates(from).start, endDate: quarterDates(to).end })

/** Step 6 of the palm oil plan (scp-method.md §4.6): the implementation chart and indicators K1–K7. */
export async function seedStep6(db: Executor, ids: DemoIds, refs: { interventions: Refs; sources: Refs }) {
  const palm = ids.plans['palm-oil']!
  const planner = ids.users['planner@demo.example']!
  const v = refs.interventions
  const activities = await seedItems(db, palm, planner, 'activity', 'A', [
    { intervention: v.V4, activity: 'Draft the guidance note; hold 2 workshops', leadOrganisation: 'PMO-LIU', partners: 'KPGA-SH, ILO', ...span('2026-Q1', '2026-Q1'), resources: '10 person-days; US$3k', outputs: 'Note published; at least 40 estates attend', status: 'done' },
    { intervention: v.V5, activity: 'Radio campaign and 40 shop-steward briefings', leadOrganisation: 'FPWU-SH', partners: 'WWRC, radio network', ...span('2026-Q1', '2026-Q4'), resources: 'US$8k', outputs: '12 radio spots; hotline live', status: 'in_progress' },
    { intervention: v.V1, activity: 'Inspect the 22 large estates (2 inspectors and 1 union observer each)', leadOrganisation: 'PMO-LIU', partners: 'FPWU-SH', ...span('2026-Q2', '2026-Q3'), resources: '88 field-days', outputs: '22 inspection reports', status: 'done', risks: 'Estates may refuse union observers: escalate per ladder rung 2.' },
    { intervention: v.V3, activity: 'Sign the MoU; 24 joint inspections', leadOrganisation: 'PMO-LIU and SSA', partners: '', ...span('2026-Q2', '2027-Q2'), resources: '48 field-days', outputs: 'MoU; 24 joint reports', status: 'in_progress' },
    { intervention: v.V2, activity: 'Compliance orders and 60-day follow-ups', leadOrganisation: 'PMO-LIU', partners: '', ...span('2026-Q3', '2027-Q4'), resources: '44 field-days', outputs: 'Orders issued; follow-up reports', status: 'in_progress' },
    { intervention: v.V6, activity: 'Mill and refiner roundtable; sourcing clause', leadOrganisation: 'ILO and PMO-LIU', partners: 'Mills, refiners, KPGA-SH', ...span('2026-Q3', '2027-Q2'), resources: 'US$5k', outputs: 'At least 5 mills adopt the clause', status: 'delayed', risks: 'Roundtable postponed until the mills association elects its board.' },
    { intervention: v.V9, activity: 'Registry of estates and contractors', leadOrganisation: 'PMO-LIU', partners: 'ILO', ...span('2026-Q1', '2026-Q4'), resources: 'ILO technical support', outputs: 'Registry with 63 estates and 35 contractors', status: 'in_progress' },
  ])
  const [inspections, , ssa, , survey, audits] = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'].map((r) => refs.sources[r])
  await seedItems(db, palm, planner, 'indicator', 'K', [
    { name: '% of core-task workers at the 22 targeted estates on permanent or written contracts', indicatorType: 'compliance', unit: 'percent', definition: 'Workers in harvesting and maintenance with a permanent or written contract, over all core-task workers, at the 22 targeted estates (inspection reports and the union survey).', baselineValue: 38, baselineDate: '2025-11-30', targetValue: 60, targetDate: '2027-12-31', periodicity: 'semiannual', dataSource: inspections, disaggregation: ['sex', 'task'], responsibleOrganisation: 'PMO-LIU', activities: [activities.A3] },
    { name: '% of targeted estates fully compliant on employment status at follow-up', indicatorType: 'compliance', unit: 'percent', definition: 'Estates with no employment-status violation at the 60-day follow-up inspection.', baselineValue: 22, baselineDate: '2025-12-31', targetValue: 55, targetDate: '2027-12-31', periodicity: 'semiannual', dataSource: inspections, disaggregation: ['estate_size'], responsibleOrganisation: 'PMO-LIU', activities: [activities.A5] },
    { name: 'Plantation workers registered with SSA in targeted estates', indicatorType: 'outcome', unit: 'count', baselineValue: 9400, baselineDate: '2025-12-31', targetValue: 14000, targetDate: '2027-12-31', periodicity: 'quarterly', dataSource: ssa, disaggregation: ['sex'], responsibleOrganisation: 'SSA', activities: [activities.A4] },
    { name: 'Proactive plantation inspections per year', indicatorType: 'output', unit: 'count', definition: 'Baseline: average 2023–2025.', baselineValue: 20, baselineDate: '2025-12-31', targetValue: 60, targetDate: '2027-12-31', periodicity: 'quarterly', dataSource: inspections, disaggregation: [], responsibleOrganisation: 'PMO-LIU', activities: [activities.A3] },
    { name: 'Joint PMO–SSA inspections', indicatorType: 'output', unit: 'count', baselineValue: 0, baselineDate: '2025-12-31', targetValue: 24, targetDate: '2027-06-30', periodicity: 'quarterly', dataSource: inspections, disaggregation: [], responsibleOrganisation: 'PMO-LIU and SSA', activities: [activities.A4] },
    { name: 'Workers reached by the rights campaign', indicatorType: 'output', unit: 'count', definition: 'From the union briefing logs and radio audience logs.', baselineValue: 0, baselineDate: '2025-12-31', targetValue: 8000, targetDate: '2026-12-31', periodicity: 'quarterly', dataSource: survey, disaggregation: ['sex'], responsibleOrganisation: 'FPWU-SH', activities: [activities.A2] },
    { name: 'Mills with an employment-status sourcing clause', indicatorType: 'outcome', unit: 'count', definition: 'From mill statements, checked against the certification audit summaries.', baselineValue: 0, baselineDate: '2025-12-31', targetValue: 5, targetDate: '2027-06-30', periodicity: 'semiannual', dataSource: audits, disaggregation: [], responsibleOrganisation: 'ILO and PMO-LIU', activities: [activities.A6] },
  ])
  return { palm: { activities } }
}
