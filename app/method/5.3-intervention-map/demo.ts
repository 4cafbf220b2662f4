import { type DemoSeed } from '../define-demo.ts'

/** 5.3 of the palm oil plan: how each selected intervention acts, and the escalation ladder (scp-method.md §4.5). */
export const demo: DemoSeed = async ({ items, user, id }) => {
  const planner = user('planner@demo.example')
  const v = (ref: string) => id('palm-oil', 'intervention', ref)
  const all = (kind: string, refs: string[]) => refs.map((ref) => id('palm-oil', kind, ref))
  const link = (intervention: string, f: string[], c: string[], s: string[], n: string[], mechanism: string) => ({
    intervention: v(intervention),
    influences: all('influence', f),
    causes: all('cause', c),
    partners: all('stakeholder', s),
    nodes: all('node', n),
    mechanism,
  })
  await items('palm-oil', planner, 'intervention_link', 'VL', [
    link(
      'V1',
      ['F6', 'F7'],
      [],
      ['S1'],
      ['N4'],
      'Raises the likelihood of inspection and builds the continuity evidence the estates do not keep.',
    ),
    link('V2', ['F6'], [], [], ['N4'], 'Orders, follow-ups and fines make non-compliance costly.'),
    link('V3', ['F6'], [], ['S6'], ['N4'], 'Joint inspections with SSA on registration.'),
    link(
      'V4',
      ['F7'],
      ['C6'],
      ['S2'],
      ['N3', 'N4'],
      'Corrects the belief that casual status is lawful for "seasonal" work; explains record-keeping.',
    ),
    link('V5', [], ['C4'], ['S1', 'S9', 'S10'], ['N6'], 'Workers learn their rights and can report safely.'),
    link(
      'V6',
      ['F1'],
      [],
      ['S4', 'S5'],
      ['N2', 'N3'],
      'Sourcing conditions from mills and refiners reach the estates.',
    ),
    link('V9', ['F5'], [], [], ['N5'], 'A registry of estates and contractors shows who the legal employer is.'),
  ])
  await items('palm-oil', planner, 'escalation_rung', 'L', [
    {
      trigger: 'Estate on the target list',
      response: 'Guidance note and workshop invitation',
      intervention: v('V4'),
    },
    {
      trigger: 'Inspection finds casual workers in core tasks',
      response: 'Compliance order with a 30-day deadline',
      intervention: v('V2'),
    },
    {
      trigger: 'Non-compliance at the 60-day follow-up',
      response: 'Administrative fine; notify the mill',
      intervention: v('V6'),
    },
    { trigger: 'Second non-compliance', response: 'Prosecution referral; estate named in the annual report' },
  ])
}
