// Formatting for the portal languages (the list itself is LOCALES in core/vocabulary.ts).

// The English of the ILO and of this portal's texts is British: dates read "1 March 2026", not
// "March 1, 2026" (and Word documents are tagged en-GB). French and Spanish use their defaults.
const FORMAT_LOCALES: Record<string, string> = { en: 'en-GB' }

/** The locale Intl formats with for a portal language. */
export function formatLocale(locale: string): string {
  return FORMAT_LOCALES[locale] ?? locale
}

/** Formats a 'YYYY-MM-DD' date for the reader without shifting it across time zones. */
export function formatDate(value: string | Date, locale: string, style: 'medium' | 'long' = 'medium'): string {
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value
  return new Intl.DateTimeFormat(formatLocale(locale), {
    dateStyle: style,
    timeZone: typeof value === 'string' ? 'UTC' : undefined,
  }).format(date)
}

export function formatDateTime(value: string | Date, locale: string): string {
  // UTC on both server and client, so hydration never disagrees about the time zone.
  // dateStyle/timeStyle cannot be combined with timeZoneName (a RangeError), hence the fields.
  return new Intl.DateTimeFormat(formatLocale(locale), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(value))
}

export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(formatLocale(locale), options).format(value)
}
