// ISIC Rev.4 sections; their names are translated under `isic.<letter>` in the common namespace.
export const ISIC_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U'] as const
export type IsicSection = (typeof ISIC_SECTIONS)[number]
