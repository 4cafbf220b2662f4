import { describe, expect, it } from 'vitest'
import { buildPlanMap, layoutNodes, type MapItem } from './planMap.ts'

const item = (id: string, kind: string, ref: string, data: Record<string, unknown>): MapItem => ({
  id,
  kind,
  ref,
  data,
})

describe('plan map layers', () => {
  const items = [
    item('n2', 'node', 'N2', { label: 'Mills', nodeCategory: 'processor', isPivot: true, x: 300, y: 100 }),
    item('n4', 'node', 'N4', { label: 'Large estates', nodeCategory: 'producer' }),
    item('r1', 'relation', 'E1', { from: 'n2', to: 'n4', relationType: 'sources_from' }),
    item('r2', 'relation', 'E2', { from: 'n2', to: 'gone', relationType: 'owns' }),
    item('f1', 'influence', 'F1', { description: 'Buyer requirements', polarity: 'driver', nodes: ['n2'] }),
    item('f4', 'influence', 'F4', { description: 'Piece-rate pay', polarity: 'constraint', nodes: ['n4'] }),
    item('s4', 'stakeholder', 'S4', { name: 'Mills', category: 'enterprise' }),
    item('sl', 'stakeholder_link', 'SL1', { stakeholder: 's4', nodes: ['n2'] }),
    item('v1', 'intervention', 'V1', { title: 'Inspections', interventionType: 'targeted_inspection' }),
    item('v7', 'intervention', 'V7', { title: 'Regularisation list', interventionType: 'incentives' }),
    item('vl1', 'intervention_link', 'VL1', { intervention: 'v1', nodes: ['n4'] }),
    item('vl7', 'intervention_link', 'VL2', { intervention: 'v7', nodes: ['n4'] }),
    item('f9', 'influence', 'F9', { description: 'Unplaced', polarity: 'negative' }),
  ]

  it('attaches influences, stakeholders and only selected interventions to their nodes', () => {
    const map = buildPlanMap(items, ['v1'])
    const [mills, estates] = map.nodes
    expect(mills).toMatchObject({ label: 'Mills', isPivot: true, x: 300 })
    expect(mills!.overlays.map((o) => [o.layer, o.ref, o.polarity ?? o.category])).toEqual([
      ['influences', 'F1', 'driver'],
      ['stakeholders', 'S4', 'enterprise'],
    ])
    expect(estates!.overlays.map((o) => [o.ref, o.polarity ?? o.category])).toEqual([
      ['F4', 'constraint'],
      ['V1', 'targeted_inspection'],
    ])
    expect(map.relations.map((r) => r.ref)).toEqual(['E1'])
    expect(map.unattached.map((o) => o.ref)).toEqual(['F9'])
  })

  it('lays out nodes never placed on the canvas without moving placed ones', () => {
    const map = buildPlanMap(items, [])
    const [placed, free] = layoutNodes(map.nodes)
    expect(placed).toEqual({ id: 'n2', x: 300, y: 100 })
    expect(free!.x).toBeGreaterThan(0)
  })
})
