import { createInstance, type TFunction } from 'i18next'
import { DEFAULT_LOCALE, isLocale, type Locale } from '#core/vocabulary.ts'
import enCommon from '../locales/en/common.json'
import enMail from '../locales/en/mail.json'
import enNotifications from '../locales/en/notifications.json'
import esCommon from '../locales/es/common.json'
import esMail from '../locales/es/mail.json'
import esNotifications from '../locales/es/notifications.json'
import frCommon from '../locales/fr/common.json'
import frMail from '../locales/fr/mail.json'
import frNotifications from '../locales/fr/notifications.json'

// Messages are rendered both in the Remix build (invitations, resets) and in the web process's
// queue runner, which is not built by Vite: the locale files are imported directly rather than
// through app/i18n's import.meta.glob.
const resources = {
  en: { mail: enMail, common: enCommon, notifications: enNotifications },
  fr: { mail: frMail, common: frCommon, notifications: frNotifications },
  es: { mail: esMail, common: esCommon, notifications: esNotifications },
} satisfies Record<Locale, object>

const cache = new Map<Locale, Promise<TFunction>>()

/** A translation function for email text (namespace `mail`; `common:` and `notifications:` for the words the pages share). */
export function mailT(locale: Locale): Promise<TFunction> {
  let t = cache.get(locale)
  if (!t) {
    const instance = createInstance()
    t = instance
      .init({
        lng: locale,
        fallbackLng: DEFAULT_LOCALE,
        ns: ['mail', 'common', 'notifications'],
        defaultNS: 'mail',
        resources,
        // Texts are escaped where they become HTML (React), never in the strings themselves.
        interpolation: { escapeValue: false },
      })
      .then(() => instance.getFixedT(locale, 'mail'))
    cache.set(locale, t)
  }
  return t
}

/** The recipient's language: their own choice, else the plan's working language, else English. */
export function recipientLocale(userLocale: string | null | undefined, planLanguage?: string | null): Locale {
  if (isLocale(userLocale)) return userLocale
  if (isLocale(planLanguage)) return planLanguage
  return DEFAULT_LOCALE
}
