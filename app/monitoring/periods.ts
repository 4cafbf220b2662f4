// Reporting periods as monitoring teams write them. Isomorphic.

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/**
 * The last day (YYYY-MM-DD) of a period written as 2026, 2026-H1, 2026-Q2, 2026-05 or 2026-05-31;
 * null when it is none of these.
 */
export function periodEnd(period: string): string | null {
  const p = period.trim().toUpperCase()
  // PostgreSQL has no year 0000; like `isoDate`, the portal's dates stay within 1900–2999.
  if (!/^(19|2\d)\d{2}/.test(p)) return null
  let m = /^(\d{4})$/.exec(p)
  if (m) return `${m[1]}-12-31`
  m = /^(\d{4})-H([12])$/.exec(p)
  if (m) return m[2] === '1' ? `${m[1]}-06-30` : `${m[1]}-12-31`
  m = /^(\d{4})-Q([1-4])$/.exec(p)
  if (m) {
    const month = Number(m[2]) * 3
    return `${m[1]}-${pad(month)}-${lastDay(Number(m[1]), month)}`
  }
  m = /^(\d{4})-(\d{2})$/.exec(p)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]}-${lastDay(Number(m[1]), Number(m[2]))}`
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p)
  if (m) {
    const d = new Date(`${p}T00:00:00Z`)
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(p)) return p
  }
  return null
}

/** A period normalised for storage (upper-case quarter and half markers, no spaces). */
export function normalisePeriod(period: string): string {
  return period.trim().toUpperCase()
}
