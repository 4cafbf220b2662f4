import { type Page } from '@playwright/test'
import { expect, login, test } from '../playwright-utils.ts'

// The account whose saved language changes here is the test's own: a contributor on a plan of its own.

/** A plan date as the portal formats it for `locale` (medium style, UTC; English the British way). */
function planDate(iso: string, locale: 'en' | 'fr' | 'es') {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  )
}

function switchTo(page: Page, nativeName: 'English' | 'Français' | 'Español') {
  return page
    .getByRole('form', { name: /^(Language|Langue|Idioma)$/ })
    .getByRole('button', { name: new RegExp(nativeName) })
    .click()
}

test('switching language translates the page, formats dates for it, and is remembered for the user', async ({
  page,
  newUser,
  factories,
}) => {
  const { title, contributor } = await factories.planWithTeam(
    { contributor: 'employers' },
    { startDate: '2026-01-01', endDate: '2027-12-31' },
  )
  await login(page, contributor.email)
  await expect(page.getByRole('link', { name: 'New plan' })).toBeVisible()
  const planRow = page.getByRole('row', { name: title })
  await expect(planRow).toContainText('1 Jan 2026 – 31 Dec 2027')

  await switchTo(page, 'Français')
  await expect(page).toHaveURL(/\/plans$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('link', { name: 'Nouveau plan' })).toBeVisible()
  await expect(page.getByRole('columnheader', { name: 'Votre rôle' })).toBeVisible()
  await expect(planRow.getByRole('cell', { name: 'Contributeur' })).toBeVisible()
  await expect(planRow).toContainText(`${planDate('2026-01-01', 'fr')} – ${planDate('2027-12-31', 'fr')}`)
  await expect(page.getByRole('button', { name: /Français/ })).toHaveAttribute('aria-current', 'true')

  await page.getByRole('link', { name: title }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Les six étapes' })).toBeVisible()

  await switchTo(page, 'Español')
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await expect(page.getByRole('heading', { level: 2, name: 'Las seis etapas' })).toBeVisible()
  await expect(page.getByText(`${planDate('2026-01-01', 'es')} – ${planDate('2027-12-31', 'es')}`)).toBeVisible()
  await page.goto('/plans')
  await expect(page.getByRole('heading', { level: 1, name: 'Planes' })).toBeVisible()

  await switchTo(page, 'Français')
  await page.getByRole('button', { name: 'Se déconnecter' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible()

  // Another browser, with no language cookie and an English Accept-Language: the account's choice wins.
  const elsewhere = await newUser(null)
  await elsewhere.goto('/login')
  await expect(elsewhere.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await login(elsewhere, contributor.email)
  await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(elsewhere.getByRole('link', { name: 'Nouveau plan' })).toBeVisible()

  // And back to English.
  await switchTo(elsewhere, 'English')
  await expect(elsewhere.getByRole('link', { name: 'New plan' })).toBeVisible()
})

test('a French browser gets the sign-in page in French', async ({ newUser }) => {
  const page = await newUser(null, { locale: 'fr-FR' })
  await page.goto('/login')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible()
  await expect(page.getByLabel('Adresse électronique')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Aller au contenu principal' })).toBeAttached()
})

test('a Spanish browser gets the sign-in page in Spanish', async ({ newUser }) => {
  const page = await newUser(null, { locale: 'es-ES' })
  await page.goto('/login')
  await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible()
  await expect(page.getByLabel('Correo electrónico')).toBeVisible()
})
