import { createCookie } from '@remix-run/node'
import { createInstance, type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { DEFAULT_LOCALE, isLocale, type Locale } from '#core/vocabulary.ts'
import { i18nConfig } from './config.ts'

const files = import.meta.glob<Record<string, unknown>>('../locales/*/*.json', { eager: true, import: 'default' })
const resources: Record<string, Record<string, Record<string, unknown>>> = {}
for (const [path, content] of Object.entries(files)) {
  const [, lng, ns] = /locales\/(\w+)\/([\w-]+)\.json$/.exec(path) ?? []
  if (lng && ns) (resources[lng] ??= {})[ns] = content
}
export const namespaces = Object.keys(resources[DEFAULT_LOCALE] ?? {})

export const localeCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
})

/** The reader's language: their saved preference, then the language cookie, then Accept-Language. */
export async function getLocale(request: Request, preferred?: string | null): Promise<Locale> {
  if (isLocale(preferred)) return preferred
  const cookie: unknown = await localeCookie.parse(request.headers.get('Cookie'))
  if (isLocale(cookie)) return cookie
  return fromAcceptLanguage(request.headers.get('Accept-Language')) ?? DEFAULT_LOCALE
}

/** The supported language the browser ranks highest, honouring quality values (`ja,de;q=0.8,fr;q=0.5` → fr). */
export function fromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      )
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index }
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked.map((l) => l.language).find(isLocale) ?? null
}

/** A translation function for server-side text (page titles, generated files). */
export async function getFixedT(locale: Locale, ns: string | string[] = 'common') {
  const instance = await createServerInstance(locale, Array.isArray(ns) ? ns : [ns])
  return instance.getFixedT(locale, ns)
}

export async function createServerInstance(locale: Locale, ns: string[]): Promise<I18n> {
  const instance = createInstance()
  await instance.use(initReactI18next).init({ ...i18nConfig, lng: locale, ns: ns.length ? ns : ['common'], resources })
  return instance
}
