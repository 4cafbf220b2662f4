import { type Page } from '@playwright/test'
import {
  expect,
  login,
  openSubstep,
  PALM_OIL_TITLE,
  planIdByTitle,
  test,
  type E2eFactories,
} from '../playwright-utils.ts'

// Maps laid out by ELK and routed around their boxes (issue 13, ADR 054): a new plan's maps, whose
// nodes nobody placed, come out with no arrow through a box; 2.3 still drags and moves by keys;
// the 3.1 cause tree is drawn as a diagram beside its list.

/** The palm-oil chain of the worked example, entered without positions (as in a new plan). */
async function palmOilChain(factories: E2eFactories) {
  const { planId, lead } = await factories.planWithTeam({})
  const node = async (label: string, nodeCategory: string) =>
    (await factories.item(planId, lead, 'node', 'N', { label, nodeCategory, issues: [], isPivot: false })).id
  const refiners = await node('Refiners / export buyers', 'lead_firm')
  const mills = await node('Mills', 'processor')
  const hqs = await node('Group HQs of large estates', 'lead_firm')
  const estates = await node('Large estates', 'producer')
  const contractors = await node('Labour contractors', 'contractor')
  const harvesters = await node('Casual harvesters', 'worker_group')
  const relation = (from: string, to: string, relationType: string) =>
    factories.item(planId, lead, 'relation', 'E', { from, to, relationType })
  await relation(refiners, mills, 'sources_from')
  await relation(mills, estates, 'sources_from')
  await relation(hqs, estates, 'owns')
  await relation(contractors, estates, 'contracts_labour_to')
  await relation(estates, harvesters, 'employs')
  return { planId, lead }
}

/** Arrows (as drawn: the `d` of each path) that pass through a box they do not start or end on, in SVG units. */
async function arrowsThroughBoxes(page: Page, svg: string, box: string, arrow: string) {
  return page.locator(svg).evaluate(
    (el, { box, arrow }) => {
      const boxes = [...el.querySelectorAll<SVGGraphicsElement>(box)].map((b) => {
        const r = b.getBBox()
        const m = b.getCTM()!
        const root = (el as SVGSVGElement).getCTM()!.inverse()
        const t = root.multiply(m)
        return { x: r.x + t.e, y: r.y + t.f, width: r.width, height: r.height }
      })
      const crossings: string[] = []
      for (const path of el.querySelectorAll(arrow)) {
        const points = [...(path.getAttribute('d') ?? '').matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => ({
          x: Number(m[1]),
          y: Number(m[2]),
        }))
        for (let i = 1; i < points.length; i++) {
          const [p, q] = [points[i - 1]!, points[i]!]
          for (const b of boxes) {
            // Orthogonal segments: inside if it overlaps the box's interior on both axes.
            const [x0, x1] = [Math.min(p.x, q.x), Math.max(p.x, q.x)]
            const [y0, y1] = [Math.min(p.y, q.y), Math.max(p.y, q.y)]
            const inX = x1 > b.x + 1 && x0 < b.x + b.width - 1
            const inY = y1 > b.y + 1 && y0 < b.y + b.height - 1
            if (inX && inY) crossings.push(`${path.getAttribute('d')} through ${JSON.stringify(b)}`)
          }
        }
      }
      return { crossings, boxes: boxes.length, arrows: el.querySelectorAll(arrow).length }
    },
    { box, arrow },
  )
}

test('a new plan: 2.3 and 6.1 draw every arrow around the boxes; a 2.3 node drags and moves with the arrow keys', async ({
  page,
  factories,
}) => {
  test.setTimeout(120_000)
  const { planId, lead } = await palmOilChain(factories)
  await login(page, lead.email)

  await openSubstep(page, planId, '6.1')
  const plan = await arrowsThroughBoxes(page, '.plan-map__svg', '.pm-node__box', '.pm-relation path')
  expect(plan).toEqual({ crossings: [], boxes: 6, arrows: 5 })
  await expect(page.locator('.plan-map__svg')).toContainText('employs')

  await openSubstep(page, planId, '2.3')
  const target = await arrowsThroughBoxes(page, '.target-map__svg', '.target-map__box', '.target-map__relation path')
  expect(target).toEqual({ crossings: [], boxes: 6, arrows: 5 })
  // The node form has no number fields for the position: it is set on the map.
  await page.locator('summary', { hasText: 'Add a node' }).click()
  const nodeForm = page.getByRole('form', { name: 'Add a node' })
  await expect(nodeForm.getByLabel('Label')).toBeVisible()
  await expect(nodeForm.getByLabel('Position x')).toHaveCount(0)

  // Drag N2 (Mills) to the right: saved for everyone, and the arrows follow.
  const mills = page.getByRole('button', { name: /^N2 Mills/ })
  const before = await mills.getAttribute('transform')
  await mills.scrollIntoViewIfNeeded()
  const at = (await mills.boundingBox())!
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2)
  await page.mouse.down()
  await page.mouse.move(at.x + at.width / 2 + 60, at.y + at.height / 2 + 40, { steps: 5 })
  await page.mouse.up()
  await expect(page.getByRole('status').filter({ hasText: 'Position of N2 saved.' })).toBeVisible()
  await expect(mills).not.toHaveAttribute('transform', before!)

  // With the keyboard: Tab to N6, the hint names it, the arrow keys move it and the move is saved.
  const harvesters = page.getByRole('button', { name: /^N6 Casual harvesters/ })
  await harvesters.focus()
  await expect(page.getByText('Selected: N6. Arrow keys move it; Escape deselects.')).toBeVisible()
  const start = (await harvesters.getAttribute('transform'))!
  const [x, y] = start.match(/-?[\d.]+/g)!.map(Number)
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Shift+ArrowDown')
  await expect(harvesters).toHaveAttribute('transform', `translate(${x! + 10} ${y! + 50})`)
  await expect(page.getByRole('status').filter({ hasText: 'Position of N6 saved.' })).toBeVisible()

  // After a reload the moved nodes are where they were put, and still no arrow crosses a box.
  await openSubstep(page, planId, '2.3')
  await expect(page.getByRole('button', { name: /^N6 Casual harvesters/ })).toHaveAttribute(
    'transform',
    `translate(${x! + 10} ${y! + 50})`,
  )
  const moved = await arrowsThroughBoxes(page, '.target-map__svg', '.target-map__box', '.target-map__relation path')
  expect(moved.crossings).toEqual([])
})

test('3.1 draws the cause tree as a diagram beside its list, scrolling inside its own box on a phone', async ({
  page,
}) => {
  await login(page, 'planner@demo.example')
  const planId = await planIdByTitle(page, PALM_OIL_TITLE)
  await openSubstep(page, planId, '3.1')
  const diagram = page.getByRole('img', { name: /The tree as a diagram/ })
  await expect(diagram).toBeVisible()
  const causes = await page.locator('.cause-node').count()
  expect(causes).toBeGreaterThan(3)
  // The problem and one box per cause, each cause's words in the picture.
  await expect(diagram.locator('.ct-box')).toHaveCount(causes + 1)
  const first = (await page.locator('.cause-node__statement').first().textContent()) ?? ''
  expect(first.length).toBeGreaterThan(0)

  await page.setViewportSize({ width: 390, height: 844 })
  const box = page.locator('.cause-tree__diagram')
  const fits = await box.evaluate((el) => ({
    scrolls: el.scrollWidth > el.clientWidth,
    within: el.getBoundingClientRect().right <= el.closest('section')!.getBoundingClientRect().right + 1,
  }))
  expect(fits).toEqual({ scrolls: true, within: true })
})
