import { readdirSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { migrations } from './index.ts'

it('lists every migration file in the index', () => {
  const dir = path.dirname(new URL(import.meta.url).pathname)
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_.+\.ts$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
  expect(Object.keys(migrations).sort()).toEqual(files.sort())
})
