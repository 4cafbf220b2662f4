// Moved to core/collab/contract.ts. This re-export remains only for tests/e2e/, which this change
// does not touch; remove it once they import '#core/collab/contract.ts'.
export * from '#core/collab/contract.ts'
