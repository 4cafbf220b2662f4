import { expect, login, test, waitForHydratedForm } from '../playwright-utils.ts'

/** A stable key for a form control: its name, plus the value for checkboxes and the text for buttons. */
function controlKey(el: Element | null): string | null {
  if (!el) return null
  const control = el as HTMLInputElement
  if (el.tagName === 'BUTTON') return `button:${el.textContent?.trim()}`
  return control.type === 'checkbox' ? `${control.name}:${control.value}` : control.name
}

test('the skip link is the first Tab stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/login')
  // Activating the skip link before hydration interrupts it (React #345): a known defect, see the closing note.
  await waitForHydratedForm(page, 'login')
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to main content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()
  // The next Tab continues inside the main content, at the sign-in form.
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Email address')).toBeFocused()
})

test('every control of the new plan form is reachable by Tab, labelled, and shows a visible focus ring', async ({ page }) => {
  await login(page, 'planner@demo.example')
  await page.goto('/plans/new')
  await waitForHydratedForm(page, 'new-plan')

  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused()
  await page.keyboard.press('Enter')

  const form = page.locator('form#new-plan')
  const controls = form.locator('input:not([type=hidden]), select, textarea, button')
  const expected = await controls.evaluateAll((els, key) => els.map((el) => new Function(`return ${key}`)()(el) as string), controlKey.toString())
  const reached = new Set<string>()
  for (let i = 0; i < 120 && !reached.has('button:Create plan'); i++) {
    await page.keyboard.press('Tab')
    const key = await page.evaluate((fn) => new Function(`return ${fn}`)()(document.activeElement) as string | null, controlKey.toString())
    if (key) reached.add(key)
  }
  expect([...reached].filter((k) => expected.includes(k)).sort()).toEqual([...expected].sort())
  expect(expected.filter((k) => k.startsWith('sectors:'))).toHaveLength(21)

  // Each control has an accessible name from a real label.
  for (const control of await controls.all()) await expect(control).toHaveAccessibleName(/\S/)

  // The focus ring is drawn (3 px outline) on a focused field.
  await page.getByLabel('Title').focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Title')).toBeFocused()
  await expect(page.getByLabel('Title')).toHaveCSS('outline-width', '3px')
})

test('the language buttons and sign-out are reachable from the keyboard and work with Enter', async ({ page }) => {
  // The port authority's account is used only here (the switch is saved on the account).
  await login(page, 'port@demo.example')
  const french = page.getByRole('button', { name: /Français/ })
  await french.focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await page.getByRole('button', { name: /English/ }).focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('button', { name: 'Sign out' }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/login$/)
})
