import { describe, expect, it } from 'vitest'
import { localeCookie } from '../i18n/i18next.server.ts'
import { getDb } from '../utils/db.server.ts'
import { args, call, cookieFromSetCookie, createUserWithSession, makeRequest } from '#tests/utils.ts'
import { loader as rootLoader } from '../root.tsx'
import { action } from './settings.language.tsx'

const db = getDb()

const choose = (form: Record<string, string | string[]>, cookie?: string) =>
  call(() => action(args(makeRequest('/settings/language', { cookie, form }))))

async function rootLocale(headers: Record<string, string>, cookie?: string) {
  const res = await call(() => rootLoader(args(makeRequest('/plans', { cookie, headers }))))
  return res.data.locale as string
}

const lngCookie = async (locale: string) => cookieFromSetCookie(await localeCookie.serialize(locale))

describe('switching the language', () => {
  it('sets the lng cookie and saves the choice on the signed-in account', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const res = await choose({ locale: 'fr', redirectTo: '/plans/abc' }, cookie)
    expect(res.status).toBe(302)
    expect(res.location).toBe('/plans/abc')
    const setCookie = res.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/^lng=/)
    expect(await localeCookie.parse(cookieFromSetCookie(setCookie))).toBe('fr')
    const stored = await db.selectFrom('users').select('locale').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(stored.locale).toBe('fr')
  })

  it('sets only the cookie for a visitor who is not signed in', async () => {
    const res = await choose({ locale: 'es' })
    expect(res.location).toBe('/login')
    expect(await localeCookie.parse(cookieFromSetCookie(res.headers.get('Set-Cookie')!))).toBe('es')
  })

  it('never redirects off site', async () => {
    const { cookie } = await createUserWithSession(db)
    expect((await choose({ locale: 'es', redirectTo: '//evil.com/x' }, cookie)).location).toBe('/plans')
    expect((await choose({ locale: 'es', redirectTo: 'https://evil.com' }, cookie)).location).toBe('/plans')
  })

  it.each<[string, Record<string, string | string[]>]>([
    ['an unsupported language', { locale: 'de' }],
    ['an empty language', { locale: '' }],
    ['no language', {}],
    ['two languages', { locale: ['fr', 'es'] }],
    ['an overlong redirect', { locale: 'fr', redirectTo: '/'.repeat(3000) }],
  ])('answers 400 to %s and changes nothing', async (_label, form) => {
    const { user, cookie } = await createUserWithSession(db)
    const res = await choose(form, cookie)
    expect(res.status).toBe(400)
    expect(res.headers.get('Set-Cookie')).toBeNull()
    const stored = await db.selectFrom('users').select('locale').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(stored.locale).toBeNull()
  })
})

describe('choosing the page language', () => {
  it.each([
    ['fr-FR,fr;q=0.9', 'fr'],
    ['fr-CA', 'fr'],
    ['es', 'es'],
    ['es-419,es;q=0.9,en;q=0.5', 'es'],
    ['de-DE,de;q=0.9', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['*', 'en'],
    ['garbage;;;q=x', 'en'],
  ])('maps Accept-Language %j to %s', async (acceptLanguage, expected) => {
    expect(await rootLocale({ 'Accept-Language': acceptLanguage })).toBe(expected)
  })

  it('falls back to English without Accept-Language', async () => {
    expect(await rootLocale({})).toBe('en')
  })

  it('prefers the lng cookie over Accept-Language', async () => {
    expect(await rootLocale({ 'Accept-Language': 'fr-FR' }, await lngCookie('es'))).toBe('es')
  })

  it('ignores an unsupported language in the cookie', async () => {
    expect(await rootLocale({ 'Accept-Language': 'fr' }, await lngCookie('de'))).toBe('fr')
  })

  it('prefers the signed-in user’s saved language over the cookie and the header', async () => {
    const { user, cookie } = await createUserWithSession(db)
    await db.updateTable('users').set({ locale: 'es' }).where('id', '=', user.id).execute()
    expect(await rootLocale({ 'Accept-Language': 'fr-FR' }, `${cookie}; ${await lngCookie('en')}`)).toBe('es')
  })

  it('uses the cookie for a signed-in user who never chose a language', async () => {
    const { cookie } = await createUserWithSession(db)
    expect(await rootLocale({ 'Accept-Language': 'en' }, `${cookie}; ${await lngCookie('fr')}`)).toBe('fr')
  })

  it('remembers the choice made through the switcher on the next page', async () => {
    const { cookie } = await createUserWithSession(db)
    const res = await choose({ locale: 'fr' }, cookie)
    // The account preference alone carries it, even on a device without the cookie.
    expect(await rootLocale({ 'Accept-Language': 'es' }, cookie)).toBe('fr')
    expect(await rootLocale({}, cookieFromSetCookie(res.headers.get('Set-Cookie')!))).toBe('fr')
  })

  it('exposes only public fields of the signed-in user', async () => {
    const { user, cookie } = await createUserWithSession(db)
    const res = await call(() => rootLoader(args(makeRequest('/plans', { cookie }))))
    expect(res.data.user).toEqual({
      id: user.id,
      name: user.name,
      globalRole: 'member',
      organisation: expect.any(String),
      constituency: 'government',
      // The header's bell: a count of the person's own unread notifications (ADR 061).
      unreadNotifications: 0,
    })
  })
})
