import { describe, expect, it } from 'vitest'
import { polylineCrossesRect, rectsOverlap } from '../../worksheets/mapGeometry.ts'
import { layoutCauseTree, PROBLEM_ID, type TreeCause } from './causeTreeLayout.ts'
import { seededRandom } from '#tests/seeded-random.ts'

const random = seededRandom

const cause = (id: string, parent: string | null, statement = `Cause ${id}`): TreeCause => ({
  id,
  ref: id.toUpperCase(),
  parent,
  statement,
  level: parent ? 'root' : 'direct',
})

describe('cause tree layout', () => {
  it('puts the problem first, each cause one column right of what it explains, centred on its children', () => {
    const tree = layoutCauseTree('Disguised casual employment × Large estates', [
      cause('c1', null),
      cause('c2', null),
      cause('c3', 'c1'),
      cause('c4', 'c1'),
    ])
    const at = new Map(tree.boxes.map((b) => [b.id, b]))
    expect(at.get(PROBLEM_ID)!.x).toBeLessThan(at.get('c1')!.x)
    expect(at.get('c1')!.x).toBeLessThan(at.get('c3')!.x)
    expect(at.get('c1')!.x).toBe(at.get('c2')!.x)
    const centre = (id: string) => at.get(id)!.y + at.get(id)!.height / 2
    expect(centre('c1')).toBeCloseTo((centre('c3') + centre('c4')) / 2)
    expect(tree.links.map((l) => `${l.from}>${l.to}`)).toEqual(['problem>c1', 'problem>c2', 'c1>c3', 'c1>c4'])
  })

  it('shows causes with an unknown parent or in a cycle under the problem, none lost', () => {
    const tree = layoutCauseTree('P', [cause('a', 'b'), cause('b', 'a'), cause('c', 'gone')])
    expect(tree.boxes.map((b) => b.id).sort()).toEqual(['a', 'b', 'c', PROBLEM_ID])
  })

  it('never overlaps boxes nor runs a link through a box (random trees, seeded)', () => {
    const failures: string[] = []
    for (let seed = 1; seed <= 200; seed++) {
      const r = random(seed)
      const causes: TreeCause[] = []
      const n = 1 + Math.floor(r() * 25)
      for (let i = 0; i < n; i++) {
        const parent = i > 0 && r() < 0.7 ? causes[Math.floor(r() * i)]!.id : null
        const words = Array.from({ length: 1 + Math.floor(r() * 30) }, () => 'word').join(' ')
        causes.push(cause(`c${i}`, parent, words))
      }
      const tree = layoutCauseTree('The problem', causes)
      for (let i = 0; i < tree.boxes.length; i++)
        for (let j = i + 1; j < tree.boxes.length; j++)
          if (rectsOverlap(tree.boxes[i]!, tree.boxes[j]!)) failures.push(`seed ${seed}: boxes ${i} and ${j} overlap`)
      for (const l of tree.links)
        for (const b of tree.boxes)
          if (polylineCrossesRect(l.points, b)) failures.push(`seed ${seed}: ${l.from}>${l.to} crosses ${b.id}`)
      for (const b of tree.boxes)
        if (b.x + b.width > tree.width || b.y + b.height > tree.height) failures.push(`seed ${seed}: ${b.id} outside`)
    }
    expect(failures).toEqual([])
  })
})
