import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import * as contract from './collab/contract.ts'
import * as saved from './collab/saved.ts'
import * as nodes from './editor/nodes.ts'

// These modules are bundled for the browser and imported by the collab-server: no Node built-ins,
// no server-only modules, no DOM-only packages.
const SHARED = [
  'core/vocabulary.ts',
  'core/substeps.ts',
  'core/collab/contract.ts',
  'core/collab/saved.ts',
  'core/editor/nodes.ts',
]

it('keeps the shared collab contract and node registry free of server-only imports', () => {
  expect([contract.MESSAGE_SAVED, saved.isEverythingSaved, nodes.EDITOR_NODES.length]).not.toContain(undefined)
  for (const file of SHARED) {
    const source = readFileSync(file, 'utf8')
    const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!)
    for (const s of specifiers) {
      expect(s, `${file} imports ${s}`).not.toMatch(
        /^node:|\.server(\.ts)?$|^#db\/|^#collab\/|^ws$|^pg$|happy-dom|@lexical\/headless/,
      )
    }
  }
})
