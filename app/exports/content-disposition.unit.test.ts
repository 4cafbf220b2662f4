import { describe, expect, it } from 'vitest'
import { attachmentDisposition } from './content-disposition.ts'

const disposition = (title: string, suffix?: string) =>
  attachmentDisposition({ title, suffix, extension: 'docx', fallback: 'plan' })

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 title', () => {
    expect(disposition('Plan de conformité : café')).toBe(
      `attachment; filename="Plan-de-conformite-cafe.docx"; filename*=UTF-8''Plan%20de%20conformit%C3%A9%20caf%C3%A9.docx`,
    )
  })

  it('keeps quotes, line breaks, slashes and controls out of the header', () => {
    const value = disposition('a"b\r\nSet-Cookie: x=1/../..\\evil\u0000\u0085')
    expect([...value].filter((c) => c < ' ' || c === '\u0085' || c === '/' || c === '\\')).toEqual([])
    expect(value).toBe(
      `attachment; filename="a-b-Set-Cookie-x-1-evil.docx"; filename*=UTF-8''a%20b%20Set-Cookie%20x%3D1%20..%20..%20evil.docx`,
    )
  })

  it("percent-encodes the characters RFC 5987 does not allow bare, like ' ( ) *", () => {
    expect(disposition("Workers' rights (2026)")).toBe(
      `attachment; filename="Workers-rights-2026.docx"; filename*=UTF-8''Workers%27%20rights%20%282026%29.docx`,
    )
  })

  it('falls back to the given name when the title has no Latin letters, and still sends the title', () => {
    expect(disposition('劳动监察计划')).toBe(
      `attachment; filename="plan.docx"; filename*=UTF-8''%E5%8A%B3%E5%8A%A8%E7%9B%91%E5%AF%9F%E8%AE%A1%E5%88%92.docx`,
    )
    expect(disposition('  ...  ')).toBe(`attachment; filename="plan.docx"; filename*=UTF-8''plan.docx`)
  })

  it('shortens long titles at a word boundary and keeps the version suffix', () => {
    const value = disposition(`${'Labour inspection '.repeat(10)}end`, '-v3')
    const ascii = /filename="([^"]+)"/.exec(value)![1]!
    expect(ascii.length).toBeLessThanOrEqual(80 + '-v3.docx'.length)
    expect(ascii).toMatch(/^Labour-inspection-[A-Za-z-]*[a-z]-v3\.docx$/)
    expect(value).toMatch(/filename\*=UTF-8''Labour%20inspection%20[\w%]*[a-z]-v3\.docx$/)
  })
})
