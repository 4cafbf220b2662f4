import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateSchemaTypes, GENERATED_FILE } from './db-types/generate.ts'
import { withMigratedScratchDatabase } from './db-types/scratch-database.ts'

// `npm run db:types` writes db/schema.generated.ts from the migrations; `npm run db:types:check`
// regenerates into a temporary file and fails when the committed one differs (ADR 041).
async function main() {
  const check = process.argv.includes('--check')
  const generated = await withMigratedScratchDatabase(generateSchemaTypes)
  if (!check) {
    writeFileSync(GENERATED_FILE, generated)
    console.log(`Wrote ${GENERATED_FILE}.`)
    return
  }
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'scp-db-types-check-'))
  try {
    const fresh = path.join(tmpDir, 'schema.generated.ts')
    writeFileSync(fresh, generated)
    const difference = firstDifference(readCommitted(), readFileSync(fresh, 'utf8'))
    if (!difference) {
      console.log(`${GENERATED_FILE} matches the migrations.`)
      return
    }
    console.error(
      `${GENERATED_FILE} is stale: the migrations give a different schema.\n` +
        `First difference, line ${difference.line}:\n  committed:  ${difference.committed}\n  migrations: ${difference.fresh}\n` +
        'Run `npm run db:types` and commit db/schema.generated.ts (then fix what `npx tsc -p .` reports).',
    )
    process.exitCode = 1
  } finally {
    rmSync(tmpDir, { recursive: true, force: true })
  }
}

function readCommitted(): string {
  try {
    return readFileSync(GENERATED_FILE, 'utf8')
  } catch {
    return ''
  }
}

function firstDifference(committed: string, fresh: string) {
  if (committed === fresh) return undefined
  const a = committed.split('\n')
  const b = fresh.split('\n')
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return { line: i + 1, committed: a[i] ?? '(end of file)', fresh: b[i] ?? '(end of file)' }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
