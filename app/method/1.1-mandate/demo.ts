import { type DemoSeed } from '../define-demo.ts'

/** 1.1 of both demo plans: the mandate (scp-method.md §4.1 and §4.7). */
export const demo: DemoSeed = async ({ items, user }) => {
  await items('palm-oil', user('planner@demo.example'), 'mandate', 'M', [
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
  await items('fishing', user('fisheries@demo.example'), 'mandate', 'M', [
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
}
