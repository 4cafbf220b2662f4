import { type DemoSeed } from '../define-demo.ts'

/** 2.1 of both demo plans: the issues, each within the mandate and on evidence, and the targets (scp-method.md §4.2 and §4.7). */
export const demo: DemoSeed = async ({ items, user, id }) => {
  const pm = (ref: string) => id('palm-oil', 'mandate', ref)
  const pd = (ref: string) => id('palm-oil', 'data_source', ref)
  const fm = (ref: string) => id('fishing', 'mandate', ref)
  const fd = (ref: string) => id('fishing', 'data_source', ref)
  await items('palm-oil', user('planner@demo.example'), 'issue', 'I', [
    {
      title: 'Disguised casual employment',
      issueType: 'employment_status',
      legalProvisions: 'Employment Act s.59',
      description: 'Core harvesting and maintenance done by "casual daily" workers for years',
      mandate: [pm('M4')],
      evidence: [pd('D1'), pd('D2'), pd('D5')],
      affectedGroups: ['ambiguous_employment', 'women', 'informal'],
      sectors: ['A'],
    },
    {
      title: 'Unpaid family helpers used to meet harvest quotas',
      issueType: 'child_labour',
      legalProvisions: 'Employment Act; child labour law',
      description: 'Often wives and children of harvesters',
      mandate: [pm('M6')],
      evidence: [pd('D5')],
      affectedGroups: ['women', 'children', 'informal'],
      sectors: ['A'],
    },
    {
      title: 'Piece-rate pay below the provincial minimum wage',
      issueType: 'wages',
      legalProvisions: 'Wage regulation',
      description: 'In low-yield months',
      evidence: [pd('D2'), pd('D5')],
      affectedGroups: ['ambiguous_employment'],
      sectors: ['A'],
    },
    {
      title: 'Pesticide spraying without PPE or health checks',
      issueType: 'osh',
      legalProvisions: 'OSH regulation',
      description: 'Mostly women sprayers',
      mandate: [pm('M1'), pm('M2')],
      evidence: [pd('D6')],
      affectedGroups: ['women'],
      sectors: ['A'],
    },
    {
      title: 'Non-registration in social security',
      issueType: 'social_security',
      legalProvisions: 'Social Security Act',
      mandate: [pm('M5')],
      evidence: [pd('D3'), pd('D4')],
      affectedGroups: ['informal', 'ambiguous_employment'],
      sectors: ['A'],
    },
    {
      title: 'Excessive hours in mills during peak season',
      issueType: 'working_time',
      legalProvisions: 'Working time rules',
      mandate: [pm('M1')],
      evidence: [pd('D1')],
      sectors: ['C'],
    },
  ])
  await items('palm-oil', user('planner@demo.example'), 'target', 'T', [
    {
      name: 'Large estate companies (≥ 1,000 ha, group-owned)',
      targetType: 'enterprise_tier',
      estimatedUnits: 22,
      estimatedWorkers: 19000,
      location: 'Sungai Hijau Province',
    },
    {
      name: 'Mid-size independent estates',
      targetType: 'enterprise_tier',
      estimatedUnits: 41,
      estimatedWorkers: 8500,
      location: 'Sungai Hijau Province',
    },
    {
      name: 'Labour contractors supplying harvesters and sprayers',
      targetType: 'contractor_type',
      estimatedUnits: 35,
      estimatedWorkers: 3500,
    },
    { name: 'Palm oil mills', targetType: 'supply_chain_node', estimatedUnits: 14, estimatedWorkers: 2100 },
    {
      name: 'Smallholder cooperatives',
      targetType: 'sub_sector',
      estimatedUnits: 23,
      location: 'Mostly family labour',
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'issue', 'I', [
    {
      title: 'Missing written work agreements',
      issueType: 'employment_status',
      legalProvisions: 'Fishing Work Regulation (C188-style)',
      mandate: [fm('M2')],
      evidence: [fd('D2')],
      affectedGroups: ['migrants', 'informal'],
      sectors: ['A'],
    },
    {
      title: 'No safety equipment or sea-survival training',
      issueType: 'osh',
      legalProvisions: 'Fishing Work Regulation',
      mandate: [fm('M2')],
      affectedGroups: ['young'],
      sectors: ['A'],
    },
    {
      title: 'Excessive hours at sea',
      issueType: 'working_time',
      legalProvisions: 'Labour Code, working time',
      mandate: [fm('M3')],
      sectors: ['A'],
    },
    {
      title: 'Under-age crew on small vessels',
      issueType: 'child_labour',
      legalProvisions: 'Labour Code, minimum age',
      mandate: [fm('M1')],
      affectedGroups: ['children'],
      sectors: ['A'],
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'target', 'T', [
    {
      name: 'Registered vessels ≥ 24 m',
      targetType: 'enterprise_tier',
      estimatedUnits: 140,
      location: 'Port of Puerto Azul',
    },
    {
      name: 'Small vessels',
      targetType: 'enterprise_tier',
      estimatedUnits: 600,
      location: 'Puerto Azul and nearby landing beaches',
    },
    { name: 'Crewing agencies', targetType: 'contractor_type', estimatedUnits: 12 },
  ])
}
