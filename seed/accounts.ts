// Demo organisations and people of the worked example (scp-method.md §4), all fictional.
import { type Constituency, type GlobalRole, type PlanRole } from '#db/types.ts'
import { DEMO_PLAN_TITLE } from '#core/demo.ts'

export const DEMO_PASSWORD = 'scp-demo-2026'

export interface DemoOrganisation {
  key: string
  name: string
  acronym: string | null
  constituency: Constituency
  agencyType?: 'labour_inspectorate' | 'other_agency'
  countryCode: string | null
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'ilo',
    name: 'ILO Labour Administration, Labour Inspection and OSH Branch',
    acronym: 'ILO LABADMIN/OSH',
    constituency: 'ilo',
    countryCode: null,
  },
  {
    key: 'pmo-liu',
    name: 'Provincial Manpower Office – Labour Inspection Unit',
    acronym: 'PMO-LIU',
    constituency: 'government',
    agencyType: 'labour_inspectorate',
    countryCode: 'XL',
  },
  {
    key: 'fpwu-sh',
    name: "Federation of Plantation Workers' Unions Sungai Hijau",
    acronym: 'FPWU-SH',
    constituency: 'workers',
    countryCode: 'XL',
  },
  {
    key: 'kpga-sh',
    name: "Kalindra Palm Growers' Association, Sungai Hijau chapter",
    acronym: 'KPGA-SH',
    constituency: 'employers',
    countryCode: 'XL',
  },
  {
    key: 'ppo',
    name: 'Provincial Plantation Office',
    acronym: 'PPO',
    constituency: 'government',
    agencyType: 'other_agency',
    countryCode: 'XL',
  },
  {
    key: 'ssa',
    name: 'Social Security Agency, provincial branch',
    acronym: 'SSA',
    constituency: 'government',
    agencyType: 'other_agency',
    countryCode: 'XL',
  },
  { key: 'wwrc', name: "Women Workers' Rights Centre", acronym: 'WWRC', constituency: 'other', countryCode: 'XL' },
  {
    key: 'li-cs',
    name: 'Labour Inspectorate of Costa Serena',
    acronym: 'LI-CS',
    constituency: 'government',
    agencyType: 'labour_inspectorate',
    countryCode: 'XS',
  },
  { key: 'fu-pa', name: "Fishers' Union of Puerto Azul", acronym: 'FU-PA', constituency: 'workers', countryCode: 'XS' },
  {
    key: 'voa-pa',
    name: "Vessel Owners' Association of Puerto Azul",
    acronym: 'VOA-PA',
    constituency: 'employers',
    countryCode: 'XS',
  },
  {
    key: 'port-pa',
    name: 'Port Authority of Puerto Azul',
    acronym: 'PAPA',
    constituency: 'government',
    agencyType: 'other_agency',
    countryCode: 'XS',
  },
]

export interface DemoUser {
  email: string
  name: string
  organisation: string
  globalRole: GlobalRole
  /** Listed in the README and printed at start. */
  listed: boolean
  description: string
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'admin@demo.example',
    name: 'Amina Okafor',
    organisation: 'ilo',
    globalRole: 'admin',
    listed: true,
    description: 'administrator',
  },
  {
    email: 'planner@demo.example',
    name: 'Ratna Wijaya',
    organisation: 'pmo-liu',
    globalRole: 'member',
    listed: true,
    description: 'labour inspectorate, lead of the palm oil plan',
  },
  {
    email: 'union@demo.example',
    name: 'Budi Hartono',
    organisation: 'fpwu-sh',
    globalRole: 'member',
    listed: true,
    description: "workers' organisation, co-author of the palm oil plan",
  },
  {
    email: 'employer@demo.example',
    name: 'Sari Lestari',
    organisation: 'kpga-sh',
    globalRole: 'member',
    listed: true,
    description: "employers' organisation, contributor on the palm oil plan",
  },
  {
    email: 'viewer@demo.example',
    name: 'Agus Prasetyo',
    organisation: 'ppo',
    globalRole: 'member',
    listed: true,
    description: 'viewer on the palm oil plan',
  },
  {
    email: 'fisheries@demo.example',
    name: 'María Fernández',
    organisation: 'li-cs',
    globalRole: 'member',
    listed: true,
    description: 'government, lead of the fishing plan',
  },
  {
    email: 'ilo@demo.example',
    name: 'Claire Dubois',
    organisation: 'ilo',
    globalRole: 'ilo_reviewer',
    listed: true,
    description: 'ILO reviewer',
  },
  {
    email: 'ssa@demo.example',
    name: 'Wulan Sari',
    organisation: 'ssa',
    globalRole: 'member',
    listed: false,
    description: 'social security agency, contributor on the palm oil plan',
  },
  {
    email: 'steward@demo.example',
    name: 'Hendra Gunawan',
    organisation: 'fpwu-sh',
    globalRole: 'member',
    listed: false,
    description: "workers' organisation, contributor on the palm oil plan",
  },
  {
    email: 'estate@demo.example',
    name: 'Yusuf Rahman',
    organisation: 'kpga-sh',
    globalRole: 'member',
    listed: false,
    description: "employers' organisation, contributor on the palm oil plan",
  },
  {
    email: 'fishers@demo.example',
    name: 'Pedro Gómez',
    organisation: 'fu-pa',
    globalRole: 'member',
    listed: false,
    description: "workers' organisation, co-author of the fishing plan",
  },
  {
    email: 'vessels@demo.example',
    name: 'Lucía Morales',
    organisation: 'voa-pa',
    globalRole: 'member',
    listed: false,
    description: "employers' organisation, co-author of the fishing plan",
  },
  {
    email: 'port@demo.example',
    name: 'Andrés Castillo',
    organisation: 'port-pa',
    globalRole: 'member',
    listed: false,
    description: 'port authority, contributor on the fishing plan',
  },
]

export const PALM_OIL_PLAN = {
  key: 'palm-oil',
  title: DEMO_PLAN_TITLE,
  countryCode: 'XL',
  region: 'Sungai Hijau Province',
  sectors: ['A', 'C'],
  scope: 'regional' as const,
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  workingLanguage: 'en' as const,
  lead: 'planner@demo.example',
  members: [
    ['union@demo.example', 'coauthor'],
    ['employer@demo.example', 'contributor'],
    ['viewer@demo.example', 'viewer'],
    ['ssa@demo.example', 'contributor'],
    ['steward@demo.example', 'contributor'],
    ['estate@demo.example', 'contributor'],
  ] as [string, PlanRole][],
}

export const FISHING_PLAN = {
  key: 'fishing',
  title: 'Port of Puerto Azul Strategic Compliance Plan 2026',
  countryCode: 'XS',
  region: 'Puerto Azul',
  sectors: ['A', 'H'],
  scope: 'sectoral' as const,
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  workingLanguage: 'en' as const,
  lead: 'fisheries@demo.example',
  members: [
    ['fishers@demo.example', 'coauthor'],
    ['vessels@demo.example', 'coauthor'],
    ['port@demo.example', 'contributor'],
  ] as [string, PlanRole][],
}
