import { type DemoSeed } from '../define-demo.ts'

/** 3.1 of both demo plans: the problem trees of the priorities and their effects (scp-method.md §4.3 and §4.7). */
export const demo: DemoSeed = async ({ items, user, id }) => {
  const pp = (ref: string) => id('palm-oil', 'pair', ref)
  const pc = (ref: string) => id('palm-oil', 'cause', ref)
  const pi = (ref: string) => id('palm-oil', 'issue', ref)
  const fp = (ref: string) => id('fishing', 'pair', ref)
  const fc = (ref: string) => id('fishing', 'cause', ref)
  const fi = (ref: string) => id('fishing', 'issue', ref)
  await items('palm-oil', user('planner@demo.example'), 'cause', 'C', [
    {
      statement: 'Lower labour cost: no severance, no leave, lower social security contributions',
      level: 'direct',
      category: 'economic',
      evidence: 'SSA extract: 9,400 plantation workers registered of an estimated 31,000 (D3).',
      confidence: 'high',
      pair: pp('P1'),
    },
    {
      statement: 'Quota-based harvest pay and yield seasonality used to justify casual status',
      level: 'direct',
      category: 'business',
      evidence: 'Complaints log: 29 of 37 plantation complaints concern casual status or unpaid leave (D2).',
      confidence: 'medium',
      pair: pp('P1'),
    },
    {
      statement: 'Labour routed through contractors, so the legal employer is unclear',
      level: 'direct',
      category: 'business',
      evidence: 'About 35 labour contractors supply harvesters and sprayers to the large estates.',
      confidence: 'medium',
      pair: pp('P1'),
    },
    {
      statement: 'Workers fear losing work if they claim status; low union density (≈ 14 %)',
      level: 'direct',
      category: 'sociological',
      evidence: 'Union survey of 600 harvesters in 12 estates: 62 % casual daily (D5).',
      confidence: 'medium',
      pair: pp('P1'),
    },
    {
      statement: 'Low likelihood of inspection (61 plantation inspections in 3 years) and low fines',
      level: 'direct',
      category: 'regulatory',
      evidence: 'Inspection records 2023–2025 (D1); fines capped at about US$1,500 (M3).',
      confidence: 'high',
      pair: pp('P1'),
    },
    {
      statement: 'Estate supervisors believe casual status is lawful for "seasonal" crops',
      level: 'direct',
      category: 'psychological',
      evidence: 'Reported in inspections and in KPGA-SH member meetings.',
      confidence: 'low',
      pair: pp('P1'),
    },
  ])
  await items('palm-oil', user('planner@demo.example'), 'cause', 'C', [
    {
      statement: 'Volatile palm prices push cost-cutting',
      level: 'root',
      category: 'economic',
      parent: pc('C1'),
      confidence: 'medium',
      pair: pp('P1'),
    },
    {
      statement: 'Inspectors lack records to prove continuity (no payroll or attendance data)',
      level: 'root',
      category: 'regulatory',
      parent: pc('C5'),
      evidence: 'Online employment reports: many estates report only permanent staff (D4).',
      confidence: 'high',
      pair: pp('P1'),
    },
  ])
  await items('palm-oil', user('planner@demo.example'), 'effect', 'E', [
    {
      statement: 'No social security coverage',
      description: 'Casual workers are rarely registered with the SSA.',
      issue: pi('I5'),
    },
    {
      statement: 'Income insecurity and debt',
      description: 'Daily pay stops in low-yield months and when workers are ill.',
    },
    {
      statement: 'Women concentrated in casual maintenance and spraying',
      description: 'Women sprayers are the least protected, including on pesticide exposure.',
      issue: pi('I4'),
    },
    {
      statement: 'Family helpers drawn in',
      description: 'Wives and children help harvesters meet quotas.',
      issue: pi('I2'),
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'cause', 'C', [
    {
      statement: 'Crew paid by catch share, so owners see no need for a written agreement',
      level: 'direct',
      category: 'economic',
      confidence: 'high',
      pair: fp('P1'),
    },
    {
      statement: 'Inspectors cannot board at sea; checks happen only at the dock',
      level: 'direct',
      category: 'regulatory',
      confidence: 'high',
      pair: fp('P1'),
    },
    {
      statement: 'Crewing agencies recruit informally, often from inland villages',
      level: 'direct',
      category: 'business',
      confidence: 'medium',
      pair: fp('P1'),
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'cause', 'C', [
    {
      statement: 'Crew fear being left ashore if they ask for a contract',
      level: 'root',
      category: 'sociological',
      parent: fc('C1'),
      confidence: 'medium',
      pair: fp('P1'),
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'effect', 'E', [
    { statement: 'Crew without proof of wages, hours or insurance', issue: fi('I1') },
  ])
}
