import { type DemoSeed } from '../define-demo.ts'

/** 4.3 of both demo plans: which stakeholder can move which node, through which influences (scp-method.md §4.4 and §4.7). */
export const demo: DemoSeed = async ({ items, user, id }) => {
  const ps = (ref: string) => id('palm-oil', 'stakeholder', ref)
  const pn = (ref: string) => id('palm-oil', 'node', ref)
  const pf = (ref: string) => id('palm-oil', 'influence', ref)
  const fs = (ref: string) => id('fishing', 'stakeholder', ref)
  const fnode = (ref: string) => id('fishing', 'node', ref)
  const ff = (ref: string) => id('fishing', 'influence', ref)
  await items('palm-oil', user('planner@demo.example'), 'stakeholder_link', 'SL', [
    {
      stakeholder: ps('S3'),
      node: pn('N3'),
      influences: [pf('F4'), pf('F7')],
      mechanism:
        'Changes the group HR policy: core harvesting and maintenance work on permanent contracts, with attendance and payroll records.',
      leverage: 5,
    },
    {
      stakeholder: ps('S4'),
      node: pn('N2'),
      influences: [pf('F1')],
      mechanism: 'Adds an employment-status condition to fresh fruit bunch sourcing, which reaches the estates (N4).',
      leverage: 4,
    },
    {
      stakeholder: ps('S1'),
      node: pn('N6'),
      influences: [pf('F2')],
      mechanism: 'Worker interviews during inspections; shop stewards monitor conversions.',
      leverage: 4,
    },
    {
      stakeholder: ps('S6'),
      node: pn('N4'),
      influences: [pf('F6')],
      mechanism: 'Joint inspections on social security registration.',
      leverage: 3,
    },
    {
      stakeholder: ps('S5'),
      node: pn('N2'),
      influences: [pf('F1')],
      mechanism: 'Buyer requirement on labour conditions passed on to mills.',
      leverage: 4,
    },
    {
      stakeholder: ps('S10'),
      node: pn('N6'),
      influences: [],
      mechanism: 'Awareness: radio spots on the rights of casual workers.',
      leverage: 2,
    },
  ])

  await items('fishing', user('fisheries@demo.example'), 'stakeholder_link', 'SL', [
    {
      stakeholder: fs('S4'),
      node: fnode('N2'),
      influences: [ff('F3')],
      mechanism: 'Landing permit conditional on signed work agreements for the crew on board.',
      leverage: 5,
    },
    {
      stakeholder: fs('S8'),
      node: fnode('N1'),
      influences: [ff('F4')],
      mechanism: 'Traceability requirements ask for crew agreements with each catch.',
      leverage: 4,
    },
    {
      stakeholder: fs('S1'),
      node: fnode('N5'),
      influences: [ff('F1')],
      mechanism: 'Union briefings at the dock on the work-agreement template.',
      leverage: 3,
    },
  ])
}
