// Every page of the demo plan, and every page around it, at a phone's width (390 x 844) and a
// laptop's (1366 x 900): nothing pans sideways (wide content scrolls inside its own box) and axe
// finds no violation of WCAG 2.2 A/AA or its best practices, whatever their impact.
import { type Page } from '@playwright/test'
import { SUBSTEP_CODES } from '#core/substeps.ts'
import { axeViolations } from '../axe.ts'
import {
  DEMO_PASSWORD,
  expect,
  FISHING_TITLE,
  login,
  PALM_OIL_TITLE,
  planIdByTitle,
  substepHydrated,
  test,
} from '../playwright-utils.ts'

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 900 },
] as const

/**
 * How far the page reaches past the viewport's right edge, and the outermost elements that stick
 * out without a scrolling box of their own around them (so a failure names what to fix).
 */
async function sidewaysOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement
    const overflow = root.scrollWidth - root.clientWidth
    const culprits: string[] = []
    if (overflow > 0) {
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const x = getComputedStyle(p).overflowX
          if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true
        }
        return false
      }
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`
      for (const el of document.body.querySelectorAll('*')) {
        const right = el.getBoundingClientRect().right
        if (right <= root.clientWidth + 0.5 || clipped(el)) continue
        // Only the outermost offender: its parent fits (or is the body).
        const parent = el.parentElement
        if (parent && parent !== document.body && parent.getBoundingClientRect().right > root.clientWidth + 0.5)
          continue
        culprits.push(`${describe(el)} reaches ${Math.round(right)} px`)
        if (culprits.length >= 8) break
      }
    }
    return { overflow, culprits }
  })
}

/** Opens each path and returns what is wrong with it (an empty list when every page passes). */
async function checkPages(page: Page, paths: string[]) {
  const problems: string[] = []
  const width = page.viewportSize()?.width
  for (const path of paths) {
    await page.goto(path)
    // Hydrated: the header has folded its menu and the boxes that scroll have been made focusable.
    if (path.includes('/steps/')) await substepHydrated(page)
    await expect(page.locator('.site-header[data-foldable]')).toBeAttached({ timeout: 30_000 })
    await expect(page.locator('h1').first()).toBeVisible()
    const { overflow, culprits } = await sidewaysOverflow(page)
    if (overflow > 0) problems.push(`${width} px ${path}: pans ${overflow} px sideways\n  ${culprits.join('\n  ')}`)
    for (const v of await axeViolations(page)) problems.push(`${width} px ${path}: ${v}`)
  }
  return problems
}

for (const viewport of VIEWPORTS) {
  test.describe(`every page fits a ${viewport.name} (${viewport.width} px) and passes axe`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } })

    test('the signed-out pages', async ({ page }) => {
      // The callback without a sign-in in progress: the page that explains a refused organisation sign-in.
      expect(
        await checkPages(page, [
          '/login',
          '/invite/not-a-real-token',
          '/auth/oidc/callback',
          '/forgot-password',
          '/reset-password/not-a-real-token',
        ]),
      ).toEqual([])
    })

    test('the two-factor pages: enrolment and the second sign-in step', async ({ page, browser, factories }) => {
      const person = await factories.person('government')
      await login(page, person)
      await page.request.post('/account/two-factor', { form: { intent: 'start' } })
      expect(await checkPages(page, ['/account/two-factor'])).toEqual([])
      const reviewer = await factories.reviewer()
      const second = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } })
      await second.request.post('/login', { form: { email: reviewer.email, password: DEMO_PASSWORD } })
      expect(await checkPages(second, ['/login/two-factor'])).toEqual([])
      await second.close()
    })

    test('the plan pages around the worksheets', async ({ page }) => {
      await login(page, 'planner@demo.example')
      const planId = await planIdByTitle(page, PALM_OIL_TITLE)
      const paths = [
        '/plans',
        '/plans/new',
        `/plans/${planId}`,
        `/plans/${planId}/members`,
        `/plans/${planId}/search?q=estate+workers`,
        `/plans/${planId}/review`,
        `/plans/${planId}/monitoring`,
        `/plans/${planId}/edit`,
        '/account',
        '/account/notifications',
        '/statistics',
        '/notifications',
      ]
      expect(await checkPages(page, paths)).toEqual([])
    })

    // The 16 sub-steps in four tests, so each stays well within its two minutes.
    for (let part = 0; part < 4; part += 1) {
      const codes = SUBSTEP_CODES.slice(part * 4, part * 4 + 4)
      test(`sub-steps ${codes.join(', ')}`, async ({ page }) => {
        await login(page, 'planner@demo.example')
        const planId = await planIdByTitle(page, PALM_OIL_TITLE)
        expect(
          await checkPages(
            page,
            codes.map((code) => `/plans/${planId}/steps/${code}`),
          ),
        ).toEqual([])
      })
    }

    test('the ILO dashboard and the administration', async ({ page, browser }) => {
      await login(page, 'ilo@demo.example')
      const plans = [await planIdByTitle(page, PALM_OIL_TITLE), await planIdByTitle(page, FISHING_TITLE)]
      const compare = `/dashboard/compare?${plans.map((id) => `plan=${id}`).join('&')}`
      expect(await checkPages(page, ['/dashboard', compare])).toEqual([])
      const admin = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } })
      await login(admin, 'admin@demo.example')
      expect(await checkPages(admin, ['/admin/users', '/admin/organisations', '/admin/sign-in'])).toEqual([])
      await admin.close()
    })
  })
}
