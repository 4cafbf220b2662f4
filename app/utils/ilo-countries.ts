// Facts, not choices: who the ILO counts and reports on. Checked against the ILO's list of member
// States (187 since Tonga joined in 2016) and NORMLEX, the ILO's database of labour standards.

/**
 * The ILO's 187 member States: the 193 members of the United Nations except Andorra, Bhutan,
 * Liechtenstein, Micronesia (Federated States of), Monaco, Nauru and the Democratic People's Republic
 * of Korea, which have not joined, plus the Cook Islands, a member of the ILO but not of the UN.
 */
export const ILO_MEMBER_STATES: readonly string[] = `
  AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN
  BO BR BS BW BY BZ CA CD CF CG CH CI CK CL CM CN CO CR CU CV
  CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FR GA GB GD
  GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS
  IT JM JO JP KE KG KH KI KM KN KR KW KZ LA LB LC LK LR LS LT
  LU LV LY MA MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ
  NA NE NG NI NL NO NP NZ OM PA PE PG PH PK PL PT PW PY QA RO
  RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY
  SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VC VE
  VN VU WS YE ZA ZM ZW
`
  .trim()
  .split(/\s+/)

/**
 * Territories the ILO reports on without their being member States: the non-metropolitan
 * territories to which members have declared ratified Conventions applicable (article 35 of the
 * ILO Constitution; NORMLEX lists them under their member State), China's two special
 * administrative regions, and the occupied Palestinian territory, on whose workers the
 * Director-General reports to the Conference every year. Uninhabited places with an ISO code
 * (Antarctica, Bouvet Island, Heard Island…) are not among them.
 */
export const ILO_TERRITORIES: readonly string[] = [
  // China
  'HK',
  'MO',
  // Denmark
  'FO',
  'GL',
  // France
  'NC',
  'PF',
  'TF',
  // Netherlands
  'AW',
  'BQ',
  'CW',
  'SX',
  // New Zealand
  'TK',
  // Australia
  'NF',
  // United Kingdom
  'AI',
  'BM',
  'FK',
  'GG',
  'GI',
  'IM',
  'JE',
  'MS',
  'SH',
  'VG',
  // The occupied Palestinian territory
  'PS',
]
