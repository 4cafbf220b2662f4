// ISIC Rev.4 sections; their names are translated under `isic.<letter>` in the common namespace.
export const ISIC_SECTIONS = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
] as const
export type IsicSection = (typeof ISIC_SECTIONS)[number]

/** Sections as people read them, each with its name: "A · Agriculture, forestry and fishing; C · Manufacturing". */
export function sectorsText(sectors: readonly string[], t: (key: string) => string): string {
  return sectors.map((s) => `${s} · ${t(`isic.${s}`)}`).join('; ')
}
