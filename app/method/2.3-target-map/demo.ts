import { type DemoSeed } from '../define-demo.ts'

/** 2.3 of both demo plans: the supply chains around the priorities, with their pivots (scp-method.md §4.2 and §4.7). */
export const demo: DemoSeed = async ({ items, user, id }) => {
  const pi = (ref: string) => id('palm-oil', 'issue', ref)
  const pn = (ref: string) => id('palm-oil', 'node', ref)
  const fi = (ref: string) => id('fishing', 'issue', ref)
  const fn = (ref: string) => id('fishing', 'node', ref)
  await items('palm-oil', user('planner@demo.example'), 'node', 'N', [
    {
      label: 'Refiners / export buyers',
      nodeCategory: 'lead_firm',
      countUnits: 4,
      issues: [],
      isPivot: false,
      x: 130,
      y: 90,
    },
    {
      label: 'Mills',
      nodeCategory: 'processor',
      countUnits: 14,
      countWorkers: 2100,
      issues: [pi('I6')],
      isPivot: true,
      x: 130,
      y: 270,
    },
    {
      label: 'Group HQs of large estates',
      nodeCategory: 'lead_firm',
      countUnits: 9,
      issues: [pi('I1')],
      isPivot: true,
      x: 480,
      y: 90,
    },
    {
      label: 'Large estates (T1)',
      nodeCategory: 'producer',
      countUnits: 22,
      countWorkers: 19000,
      issues: [pi('I1'), pi('I4'), pi('I5')],
      isPivot: false,
      x: 480,
      y: 270,
    },
    {
      label: 'Labour contractors (T3)',
      nodeCategory: 'contractor',
      countUnits: 35,
      countWorkers: 3500,
      issues: [pi('I1'), pi('I5')],
      isPivot: false,
      x: 830,
      y: 270,
    },
    {
      label: 'Casual harvesters and maintenance workers',
      nodeCategory: 'worker_group',
      countWorkers: 11800,
      issues: [pi('I1'), pi('I2'), pi('I3')],
      isPivot: false,
      x: 480,
      y: 450,
    },
  ])
  await items('palm-oil', user('planner@demo.example'), 'relation', 'E', [
    { from: pn('N1'), to: pn('N2'), relationType: 'sources_from', strength: 2 },
    { from: pn('N2'), to: pn('N4'), relationType: 'sources_from', label: 'sources FFB from', strength: 3 },
    { from: pn('N3'), to: pn('N4'), relationType: 'owns', strength: 3 },
    { from: pn('N5'), to: pn('N4'), relationType: 'contracts_labour_to', strength: 2 },
    { from: pn('N4'), to: pn('N6'), relationType: 'employs', strength: 3 },
  ])
  await items('fishing', user('fisheries@demo.example'), 'node', 'N', [
    {
      label: 'Fish buyers and exporters',
      nodeCategory: 'lead_firm',
      countUnits: 18,
      issues: [],
      isPivot: true,
      x: 130,
      y: 100,
    },
    {
      label: 'Port landing-permit checkpoint',
      nodeCategory: 'port_site',
      countUnits: 1,
      issues: [fi('I1'), fi('I2')],
      isPivot: true,
      x: 480,
      y: 100,
    },
    {
      label: 'Vessels ≥ 24 m (T1)',
      nodeCategory: 'producer',
      countUnits: 140,
      issues: [fi('I1'), fi('I3')],
      isPivot: false,
      x: 480,
      y: 280,
    },
    {
      label: 'Crewing agencies (T3)',
      nodeCategory: 'contractor',
      countUnits: 12,
      issues: [fi('I1')],
      isPivot: false,
      x: 830,
      y: 280,
    },
    {
      label: 'Crew',
      nodeCategory: 'worker_group',
      countWorkers: 5200,
      issues: [fi('I1'), fi('I2'), fi('I3')],
      isPivot: false,
      x: 480,
      y: 450,
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'relation', 'E', [
    { from: fn('N1'), to: fn('N3'), relationType: 'sources_from', label: 'buys catch from', strength: 3 },
    { from: fn('N2'), to: fn('N3'), relationType: 'other', label: 'clears landings of', strength: 3 },
    { from: fn('N4'), to: fn('N3'), relationType: 'contracts_labour_to', strength: 2 },
    { from: fn('N3'), to: fn('N5'), relationType: 'employs', strength: 3 },
  ])
}
