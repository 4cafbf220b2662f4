import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// The import direction between the top-level folders (ADR 042): core/ is the bottom and imports
// none of the others; db/ builds on core/ only; app/ and collab-server/ build on core/ and db/ but
// never on each other (seed/, scripts/ and tests/ sit above everything and are not restricted).
// Each folder is forbidden by its `#alias/` and by a relative path that climbs into it.
const FOLDERS = { app: 'app', db: 'db', collab: 'collab-server', seed: 'seed', tests: 'tests' }
const downwards = (...aliases) =>
  aliases.map((alias) => ({
    regex: `^(#${alias}/|(\\.\\./)+${FOLDERS[alias]}/)`,
    message: `Imports go downwards only: core/ <- db/ <- app/, collab-server/ (ADR 042). Move what both sides need into core/.`,
  }))
// A later block's options replace an earlier one's for the same rule, so each block lists them all.
const forbid = (...aliases) => ({ 'no-restricted-imports': ['error', { patterns: downwards(...aliases) }] })

// Between sub-step folders (ADR 046) the method's order holds: a later sub-step may read what an
// earlier one decided (6.2 reads the interventions 5.2 selected), never the other way round, so
// that a sub-step can be understood and tested without the ones that follow it.
const SUBSTEP_FOLDERS = readdirSync(fileURLToPath(import.meta.resolve('./app/method/')), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory() && /^\d\.\d-/.test(entry.name))
  .map((entry) => entry.name)
  .sort()
const methodOrder = SUBSTEP_FOLDERS.map((folder, i) => ({
  files: [`app/method/${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...downwards('collab'),
          ...SUBSTEP_FOLDERS.slice(i + 1).map((later) => ({
            regex: `(^|/)${later.replace('.', '\\.')}/`,
            message: `A sub-step reads only from the sub-steps before it (ADR 046): ${folder} may not import ${later}.`,
          })),
        ],
      },
    ],
  },
}))

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['core/**/*.{ts,tsx}'], rules: forbid('app', 'db', 'collab', 'seed', 'tests') },
  { files: ['db/**/*.{ts,tsx}'], rules: forbid('app', 'collab', 'seed') },
  { files: ['app/**/*.{ts,tsx}'], rules: forbid('collab') },
  ...methodOrder,
  { files: ['collab-server/**/*.{ts,tsx}'], rules: forbid('app', 'seed') },
)
