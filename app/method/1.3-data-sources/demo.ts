import { type DemoSeed } from '../define-demo.ts'

/** 1.3 of both demo plans: the data sources (scp-method.md §4.1 and §4.7). */
export const demo: DemoSeed = async ({ items, user }) => {
  await items('palm-oil', user('planner@demo.example'), 'data_source', 'D', [
    {
      name: 'Inspection records',
      owner: 'PMO-LIU',
      sourceType: 'inspection_records',
      coverage: '412 inspections, 61 in plantations (2023–2025)',
      keyFacts: 'Employment-status violations found in 44 of 61',
      format: 'paper',
      quality: 'medium',
    },
    {
      name: 'Complaints log',
      owner: 'PMO-LIU',
      sourceType: 'complaints',
      coverage: '37 plantation complaints',
      keyFacts: '29 concern casual status or unpaid leave',
      format: 'spreadsheet',
      quality: 'medium',
    },
    {
      name: 'SSA registration extract',
      owner: 'SSA',
      sourceType: 'social_security',
      coverage: 'All registered employers',
      keyFacts: '9,400 plantation workers registered of an estimated 31,000',
      format: 'database',
      quality: 'high',
    },
    {
      name: 'Online employment reports',
      owner: 'Ministry',
      sourceType: 'registers',
      coverage: '58 of 86 estates reported',
      keyFacts: 'Many report only permanent staff',
      format: 'database',
      quality: 'low',
    },
    {
      name: 'Union survey of harvesters',
      owner: 'FPWU-SH',
      sourceType: 'union_surveys',
      coverage: '600 workers, 12 estates',
      keyFacts: '62 % casual daily; 18 % bring unpaid helpers',
      format: 'spreadsheet',
      quality: 'medium',
    },
    {
      name: 'Certification audit summaries',
      owner: 'Certification bodies',
      sourceType: 'audits',
      coverage: '21 certified estates',
      keyFacts: 'Labour non-conformities recorded in 9',
      format: 'paper',
      quality: 'medium',
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'data_source', 'D', [
    {
      name: 'Port landing-permit records',
      owner: 'Port Authority',
      sourceType: 'registers',
      coverage: 'All landings at Puerto Azul',
      format: 'database',
      quality: 'high',
    },
    {
      name: 'Dock-side inspection reports',
      owner: 'Labour Inspectorate',
      sourceType: 'inspection_records',
      keyFacts: '31 % of inspected vessels had signed work agreements',
      format: 'paper',
      quality: 'medium',
    },
  ])
}
