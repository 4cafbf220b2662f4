import { createCookie } from '@remix-run/node'
import { createInstance, type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../utils/locales.ts'
import { i18nConfig } from './config.ts'

const files = import.meta.glob<Record<string, unknown>>('../locales/*/*.json', { eager: true, import: 'default' })
const resources: Record<string, Record<string, Record<string, unknown>>> = {}
for (const [path, content] of Object.entries(files)) {
  const [, lng, ns] = /locales\/(\w+)\/([\w-]+)\.json$/.exec(path) ?? []
  if (lng && ns) (resources[lng] ??= {})[ns] = content
}
export const namespaces = Object.keys(resources[DEFAULT_LOCALE] ?? {})

export const localeCookie = createCookie('lng', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 * 60 * 24 * 365 })

const remixI18next = new RemixI18Next({
  detection: { supportedLanguages: [...LOCALES], fallbackLanguage: DEFAULT_LOCALE, cookie: localeCookie, order: ['cookie', 'header'] },
})

/** The reader's language: their saved preference, then the language cookie, then Accept-Language. */
export async function getLocale(request: Request, preferred?: string | null): Promise<Locale> {
  if (isLocale(preferred)) return preferred
  const detected = await remixI18next.getLocale(request)
  return isLocale(detected) ? detected : DEFAULT_LOCALE
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
