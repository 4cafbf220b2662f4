/** The columns of a measurements file, as its first row names them (isomorphic: the import form lists them). */
export const IMPORT_COLUMNS = ['indicator', 'period', 'value', 'note', 'evidence_source'] as const
