import { type DemoSeed } from '../define-demo.ts'

/** 3.2 of both demo plans: the drivers and constraints on the target maps (scp-method.md §4.3 and §4.7). */
export const demo: DemoSeed = async ({ items, user, id }) => {
  const pn = (ref: string) => id('palm-oil', 'node', ref)
  const pc = (ref: string) => id('palm-oil', 'cause', ref)
  const fn = (ref: string) => id('fishing', 'node', ref)
  const fc = (ref: string) => id('fishing', 'cause', ref)
  await items('palm-oil', user('planner@demo.example'), 'influence', 'F', [
    {
      description: 'Buyer and certification labour requirements (no-exploitation policies)',
      polarity: 'driver',
      directness: 'indirect',
      strength: 2,
      nodes: [pn('N2'), pn('N3')],
      causes: [pc('C1'), pc('C6')],
      evidence: 'Certification audits: labour non-conformities recorded in 9 of 21 certified estates (D6).',
    },
    {
      description: 'Collective agreements at 4 unionised estates granting permanent status after 3 months',
      polarity: 'driver',
      directness: 'direct',
      strength: 3,
      nodes: [pn('N4')],
      causes: [pc('C4')],
    },
    {
      description: 'Provincial sustainable palm oil action plan includes labour targets',
      polarity: 'driver',
      directness: 'indirect',
      strength: 1,
      nodes: [pn('N3')],
      causes: [pc('C5')],
    },
    {
      description: 'Quota-based piece-rate pay system',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: [pn('N4'), pn('N6')],
      causes: [pc('C2')],
    },
    {
      description: 'Contractor intermediation',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: [pn('N5')],
      causes: [pc('C3')],
    },
    {
      description: 'Low inspection probability and low fines',
      polarity: 'constraint',
      directness: 'indirect',
      strength: 2,
      nodes: [pn('N4')],
      causes: [pc('C5')],
    },
    {
      description: 'Missing attendance and payroll records',
      polarity: 'constraint',
      directness: 'direct',
      strength: 2,
      nodes: [pn('N4')],
      causes: [pc('C8')],
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'influence', 'F', [
    {
      description: 'Crew paid by catch share',
      polarity: 'constraint',
      directness: 'direct',
      strength: 3,
      nodes: [fn('N3'), fn('N5')],
      causes: [fc('C1')],
    },
    {
      description: 'Inspectors cannot board at sea',
      polarity: 'constraint',
      directness: 'indirect',
      strength: 2,
      nodes: [fn('N3')],
      causes: [fc('C2')],
    },
    {
      description: 'Port-state control MoU',
      polarity: 'driver',
      directness: 'indirect',
      strength: 2,
      nodes: [fn('N2')],
      causes: [fc('C2')],
    },
    {
      description: 'Export buyer traceability rules',
      polarity: 'driver',
      directness: 'indirect',
      strength: 2,
      nodes: [fn('N1')],
      causes: [],
    },
  ])
}
