import { type DemoSeed } from '../define-demo.ts'

/** 1.2 of both demo plans: the resources and the size of the universe (scp-method.md §4.1 and §4.7). */
export const demo: DemoSeed = async ({ items, user }) => {
  await items('palm-oil', user('planner@demo.example'), 'resource', 'R', [
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
  await items('palm-oil', user('planner@demo.example'), 'scope_figures', 'S', [
    {
      establishments: 100,
      workers: 33100,
      employedPersons: 1450000,
      source: 'Estate and mill registers (86 estates, 14 mills); SSA estimate of 31,000 plantation workers',
    },
  ])
  await items('fishing', user('fisheries@demo.example'), 'resource', 'R', [
    {
      resourceType: 'inspectors',
      description: 'Labour inspectors assigned to the port',
      quantity: 6,
      women: 2,
      unit: 'inspectors',
    },
    { resourceType: 'field_days', description: 'Dock-side inspection days', quantity: 150, unit: 'field-days/year' },
  ])
  await items('fishing', user('fisheries@demo.example'), 'scope_figures', 'S', [
    { establishments: 752, workers: 5200, source: '140 vessels ≥ 24 m, 600 small vessels, 12 crewing agencies' },
  ])
}
