import { type Executor } from '#db/executor.ts'
import * as ItemRepository from '#db/repositories/worksheet-items.ts'
import { type DemoIds } from './demo.ts'

type Row = Record<string, unknown>

/** Inserts items of one kind in order and returns their ids by ref (M1 → uuid). */
export async function seedItems(
  db: Executor,
  planId: string,
  actorId: string,
  kind: string,
  refPrefix: string,
  rows: Row[],
) {
  const ids: Record<string, string> = {}
  for (const data of rows) {
    const item = await ItemRepository.insert(db, { planId, kind, refPrefix, data, actorId })
    ids[item.ref] = item.id
  }
  return ids
}

/** Step 1 of both demo plans (scp-method.md §4.1 and §4.7). */
export async function seedStep1(db: Executor, ids: DemoIds) {
  const palm = ids.plans['palm-oil']!
  const planner = ids.users['planner@demo.example']!
  const mandate = await seedItems(db, palm, planner, 'mandate', 'M', [
    {
      instrument: 'Labour Inspection Act (fictional)',
      provisionRef: 's.12',
      powerType: 'entry_inspection',
      description: 'Right of free entry to any workplace including plantations and mills',
      scope: 'Estates with 5 or more workers',
    },
    {
      instrument: 'Labour Inspection Act',
      provisionRef: 's.20',
      powerType: 'order_notice',
      description: 'Issue compliance orders with a 30-day deadline',
    },
    {
      instrument: 'Labour Inspection Act',
      provisionRef: 's.24',
      powerType: 'prosecution_referral',
      description: 'Refer repeat violations to the Prosecutor; administrative fines',
      limitsOrGaps: 'Fines low (max ≈ US$1,500)',
    },
    {
      instrument: 'Employment Act (fictional)',
      provisionRef: 's.59',
      powerType: 'status_determination',
      description: 'Casual daily work only for non-continuous tasks ≤ 21 days/month; otherwise deemed permanent',
      notes: 'Inspector may order status determination',
    },
    {
      instrument: 'Social Security Act',
      powerType: 'limit',
      description: 'Registration enforced by SSA, not the inspectorate',
      limitsOrGaps: 'Joint inspection needs an MoU',
      overlappingAgencies: 'Social Security Agency',
    },
    {
      instrument: 'Limit',
      powerType: 'limit',
      description: 'No mandate over own-account smallholders without employees',
      limitsOrGaps: 'Child labour on smallholdings handled with the child-protection office',
      overlappingAgencies: 'Child-protection office',
    },
  ])
  await seedItems(db, palm, planner, 'resource', 'R', [
    {
      resourceType: 'inspectors',
      description: 'Labour inspectors',
      quantity: 18,
      women: 5,
      unit: 'inspectors',
      constraints: '6 based in the capital, far from estates',
    },
    {
      resourceType: 'osh_specialists',
      description: 'OSH-specialised inspectors (within the 18)',
      quantity: 3,
      unit: 'inspectors',
    },
    {
      resourceType: 'vehicles',
      description: '4×4 vehicles',
      quantity: 2,
      unit: 'vehicles',
      constraints: 'Shared with mediation unit',
    },
    {
      resourceType: 'field_days',
      description: 'Travel budget',
      quantity: 240,
      unit: 'field-days/year',
      availabilityPeriod: 'Released quarterly',
    },
    {
      resourceType: 'ict',
      description: 'Spreadsheets; no ECMS',
      quantity: 1,
      unit: 'system',
      constraints: 'Candidate for a LIFT-type registry',
    },
    { resourceType: 'partner', description: 'FPWU-SH trained shop stewards', quantity: 40, unit: 'people' },
    { resourceType: 'partner', description: 'KPGA-SH member mailing list', quantity: 63, unit: 'estates' },
  ])
  await seedItems(db, palm, planner, 'scope_figures', 'S', [
    {
      establishments: 100,
      workers: 33100,
      employedPersons: 1450000,
      source: 'Estate and mill registers (86 estates, 14 mills); SSA estimate of 31,000 plantation workers',
    },
  ])
  const sources = await seedItems(db, palm, planner, 'data_source', 'D', [
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

  const fishing = ids.plans['fishing']!
  const inspector = ids.users['fisheries@demo.example']!
  const fishingMandate = await seedItems(db, fishing, inspector, 'mandate', 'M', [
    {
      instrument: 'Labour Code (fictional)',
      provisionRef: 'art. 210',
      powerType: 'entry_inspection',
      description: 'Inspect vessels in port and crewing agencies',
      scope: 'Vessels registered in Costa Serena',
    },
    {
      instrument: 'Fishing Work Regulation (C188-style)',
      powerType: 'order_notice',
      description: 'Order written work agreements and safety equipment before departure',
    },
    {
      instrument: 'Limit',
      powerType: 'limit',
      description: 'Inspectors cannot board vessels at sea',
      limitsOrGaps: 'Only dock-side inspection; relies on the Maritime Safety Agency at sea',
      overlappingAgencies: 'Maritime Safety Agency; Fisheries Directorate',
    },
  ])
  await seedItems(db, fishing, inspector, 'resource', 'R', [
    {
      resourceType: 'inspectors',
      description: 'Labour inspectors assigned to the port',
      quantity: 6,
      women: 2,
      unit: 'inspectors',
    },
    { resourceType: 'field_days', description: 'Dock-side inspection days', quantity: 150, unit: 'field-days/year' },
  ])
  await seedItems(db, fishing, inspector, 'scope_figures', 'S', [
    { establishments: 752, workers: 5200, source: '140 vessels ≥ 24 m, 600 small vessels, 12 crewing agencies' },
  ])
  const fishingSources = await seedItems(db, fishing, inspector, 'data_source', 'D', [
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
  return { palm: { mandate, sources }, fishing: { mandate: fishingMandate, sources: fishingSources } }
}
