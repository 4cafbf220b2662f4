// Moved to core/substeps.ts. This re-export remains only for tests/e2e/, which this change does not
// touch; remove it once they import '#core/substeps.ts'.
export * from '#core/substeps.ts'
