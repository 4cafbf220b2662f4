import { type Executor } from '#db/executor.ts'
import { type DemoIds } from './demo.ts'
import { seedItems } from './step1.ts'

type Refs = Record<string, string>

/** What step 3 needs from step 2: issue, pair and node ids by ref, per plan. */
export interface Step2Refs {
  palm: { issues: Refs; pairs: Refs; nodes: Refs }
  fishing: { issues: Refs; pairs: Refs; nodes: Refs }
}

const ids = (map: Refs, ...refs: string[]) => refs.map((r) => map[r]!)

/**
 * Step 3 of both demo plans (scp-method.md §4.3 and §4.7). References are numbered in order of
 * entry, so the method's sub-causes C1.1 and C5.1 are C7 and C8 here, placed under C1 and C5.
 */
export async function seedStep3(db: Executor, demo: DemoIds, step2: Step2Refs) {
  const palm = demo.plans['palm-oil']!
  const planner = demo.users['planner@demo.example']!
  const { pairs, nodes: n, issues } = step2.palm
  const pair = pairs.P1
  const top = await seedItems(db, palm, planner, 'cause', 'C', [
    {
      statement: 'Lower labour cost: no severance, no leave, lower social security contributions',
      level: 'direct',
      category: 'economic',
      evidence: 'SSA extract: 9,400 plantation workers registered of an estimated 31,000 (D3).',
      confidence: 'high',
      pair,
    },
    {
      statement: 'Quota-based harvest pay and yield seasonality used to justify casual status',
      level: 'direct',
      category: 'business',
      evidence: 'Complaints log: 29 of 37 plantation complaints concern casual status or unpaid leave (D2).',
      confidence: 'medium',
      pair,
    },
    {
      statement: 'Labour routed through contractors, so the legal employer is unclear',
      level: 'direct',
      category: 'business',
      evidence: 'About 35 labour contractors supply harvesters and sprayers to the large estates.',
      confidence: 'medium',
      pair,
    },
    {
      statement: 'Workers fear losing work if they claim status; low union density (≈ 14 %)',
      level: 'direct',
      category: 'sociological',
      evidence: 'Union survey of 600 harvesters in 12 estates: 62 % casual daily (D5).',
      confidence: 'medium',
      pair,
    },
    {
      statement: 'Low likelihood of inspection (61 plantation inspections in 3 years) and low fines',
      level: 'direct',
      category: 'regulatory',
      evidence: 'Inspection records 2023–2025 (D1); fines capped at about US$1,500 (M3).',
      confidence: 'high',
      pair,
    },
    {
      statement: 'Estate supervisors believe casual status is lawful for "seasonal" crops',
      level: 'direct',
      category: 'psychological',
      evidence: 'Reported in inspections and in KPGA-SH member meetings.',
      confidence: 'low',
      pair,
    },
  ])
  const sub = await seedItems(db, palm, planner, 'cause', 'C', [
    {
      statement: 'Volatile palm prices push cost-cutting',
      level: 'root',
      category: 'economic',
      parent: top.C1,
      confidence: 'medium',
      pair,
    },
    {
      statement: 'Inspectors lack records to prove continuity (no payroll or attendance data)',
      level: 'root',
      category: 'regulatory',
      parent: top.C5,
      evidence: 'Online employment reports: many estates report only permanent staff (D4).',
      confidence: 'high',
      pair,
    },
  ])
  const causes = { ...top, ...sub }
  await seedItems(db, palm, planner, 'effect', 'E', [
    {
      statement: 'No social security coverage',
      description: 'Casual workers are rarely registered with the SSA.',
      issue: issues.I5,
    },
    {
      statement: 'Income insecurity and debt',
      description: 'Daily pay stops in low-yield months and when workers are ill.',
    },
    {
      statement: 'Women concentrated in casual maintenance and spraying',
      description: 'Women sprayers are the least protected, including on pesticide exposure.',
      issue: issues.I4,
    },
    {
      statement: 'Family helpers drawn in',
      description: 'Wives and children help harvesters meet quotas.',
      issue: issues.I2,
    },
  ])
  const c = causes
  const influences = await seedItems(db, palm, planner, 'influence', 'F', [
    {
      description: 'Buyer and certification labour requirements (no-exploitation policies)',
      polarity: 'driver',
      directness: 'indirect',
      strength: 2,
      nodes: ids(n, 'N2', 'N3'),
      causes: [c.C1, c.C6],
      evidence: 'Certification audits: labour non-conformities recorded in 9 of 21 certified estates (D6).',
    },
    {
      description: 'Collective agreements at 4 unionised estates granting permanent status after 3 months',
      polarity: 'driver',
      directness: 'direct',
      strength: 3,
      nodes: ids(n, 'N4'),
      causes: [c.C4],
    },
    {
      description: 'Provincial sustainable palm oil action plan includes labour targets',
      polarity: 'driver',
      directness: 'indirect',
      strength: 1,
      nodes: ids(n, 'N3'),
      causes: [c.C5],
    },
    {
      description: 'Quota-based piece-rate pay system',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: ids(n, 'N4', 'N6'),
      causes: [c.C2],
    },
    {
      description: 'Contractor intermediation',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: ids(n, 'N5'),
      causes: [c.C3],
    },
    {
      description: 'Low inspection probability and low fines',
      polarity: 'constraint',
      directness: 'indirect',
      strength: 2,
      nodes: ids(n, 'N4'),
      causes: [c.C5],
    },
    {
      description: 'Missing attendance and payroll records',
      polarity: 'constraint',
      directness: 'direct',
      strength: 2,
      nodes: ids(n, 'N4'),
      causes: [c.C8],
    },
  ])

  const fishing = demo.plans['fishing']!
  const lead = demo.users['fisheries@demo.example']!
  const f = step2.fishing
  const fTop = await seedItems(db, fishing, lead, 'cause', 'C', [
    {
      statement: 'Crew paid by catch share, so owners see no need for a written agreement',
      level: 'direct',
      category: 'economic',
      confidence: 'high',
      pair: f.pairs.P1,
    },
    {
      statement: 'Inspectors cannot board at sea; checks happen only at the dock',
      level: 'direct',
      category: 'regulatory',
      confidence: 'high',
      pair: f.pairs.P1,
    },
    {
      statement: 'Crewing agencies recruit informally, often from inland villages',
      level: 'direct',
      category: 'business',
      confidence: 'medium',
      pair: f.pairs.P1,
    },
  ])
  const fSub = await seedItems(db, fishing, lead, 'cause', 'C', [
    {
      statement: 'Crew fear being left ashore if they ask for a contract',
      level: 'root',
      category: 'sociological',
      parent: fTop.C1,
      confidence: 'medium',
      pair: f.pairs.P1,
    },
  ])
  const fCauses = { ...fTop, ...fSub }
  await seedItems(db, fishing, lead, 'effect', 'E', [
    { statement: 'Crew without proof of wages, hours or insurance', issue: f.issues.I1 },
  ])
  const fInfluences = await seedItems(db, fishing, lead, 'influence', 'F', [
    {
      description: 'Crew paid by catch share',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: ids(f.nodes, 'N3', 'N5'),
      causes: [fCauses.C1],
    },
    {
      description: 'Inspectors cannot board at sea',
      polarity: 'constraint',
      directness: 'indirect',
      strength: 2,
      nodes: ids(f.nodes, 'N3'),
      causes: [fCauses.C2],
    },
    {
      description: 'Port-state control MoU',
      polarity: 'driver',
      directness: 'indirect',
      strength: 2,
      nodes: ids(f.nodes, 'N2'),
      causes: [fCauses.C2],
    },
    {
      description: 'Export buyer traceability rules',
      polarity: 'driver',
      directness: 'indirect',
      strength: 2,
      nodes: ids(f.nodes, 'N1'),
      causes: [],
    },
  ])
  return { palm: { causes, influences }, fishing: { causes: fCauses, influences: fInfluences } }
}
