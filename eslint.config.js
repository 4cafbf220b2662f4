import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// The import direction between the top-level folders (ADR 042): core/ is the bottom and imports
// none of the others; db/ builds on core/ only; app/ and collab-server/ build on core/ and db/ but
// never on each other (seed/, scripts/ and tests/ sit above everything and are not restricted).
// Each folder is forbidden by its `#alias/` and by a relative path that climbs into it.
const FOLDERS = { app: 'app', db: 'db', collab: 'collab-server', seed: 'seed', tests: 'tests' }
const forbid = (...aliases) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: aliases.map((alias) => ({
        regex: `^(#${alias}/|(\\.\\./)+${FOLDERS[alias]}/)`,
        message: `Imports go downwards only: core/ <- db/ <- app/, collab-server/ (ADR 042). Move what both sides need into core/.`,
      })),
    },
  ],
})

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
  { files: ['collab-server/**/*.{ts,tsx}'], rules: forbid('app', 'seed') },
)
