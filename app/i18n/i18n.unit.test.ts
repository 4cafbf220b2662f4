import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCALES } from '#core/vocabulary.ts'

const root = path.resolve('app/locales')
const flatten = (obj: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
const load = (lng: string, ns: string) =>
  JSON.parse(readFileSync(path.join(root, lng, `${ns}.json`), 'utf8')) as Record<string, unknown>
const namespaces = readdirSync(path.join(root, 'en')).map((f) => f.replace(/\.json$/, ''))

describe('translations', () => {
  it.each(namespaces)('namespace %s has exactly the same keys in every language', (ns) => {
    const english = flatten(load('en', ns)).sort()
    for (const lng of LOCALES) {
      expect(flatten(load(lng, ns)).sort(), `${lng}/${ns}.json`).toEqual(english)
    }
  })

  it('has no empty translation', () => {
    for (const lng of LOCALES) {
      for (const ns of namespaces) {
        const walk = (obj: Record<string, unknown>, at: string) => {
          for (const [k, v] of Object.entries(obj)) {
            if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${at}.${k}`)
            else expect(String(v).trim(), `${lng}/${ns}${at}.${k}`).not.toBe('')
          }
        }
        walk(load(lng, ns), '')
      }
    }
  })

  it('defines every literal key the code asks for', () => {
    const english = new Set(namespaces.flatMap((ns) => flatten(load('en', ns)).map((k) => `${ns}:${k}`)))
    const sources = listSources(path.resolve('app')).filter((f) => !f.endsWith('.test.ts'))
    const missing: string[] = []
    for (const file of sources) {
      const text = readFileSync(file, 'utf8')
      const nsMatch = /useTranslation\(\s*['"]([\w-]+)['"]/.exec(text)
      const defaultNs = nsMatch?.[1] ?? 'common'
      for (const m of text.matchAll(/\bt\(\s*'([\w-]+:)?([\w.]+)'/g)) {
        const key = `${m[1] ? m[1].slice(0, -1) : defaultNs}:${m[2]}`
        if (!english.has(key) && !english.has(`${key}_one`))
          missing.push(`${path.relative(process.cwd(), file)}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })
})

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return listSources(p)
    return /\.(ts|tsx)$/.test(e.name) ? [p] : []
  })
}
