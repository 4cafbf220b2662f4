// axe-core run inside a page, shared by the accessibility and page-width specs.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { type Page } from '@playwright/test'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** The WCAG 2.x A/AA rules (2.2 included, colour contrast too) and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/**
 * Runs axe-core in the page and describes its violations, one string each (empty when none).
 * `minImpact` 'serious' keeps the serious and critical ones only.
 */
export async function axeViolations(
  page: Page,
  { minImpact = 'minor' as 'minor' | 'serious' } = {},
): Promise<string[]> {
  // Evaluated through the DevTools protocol: a <script> tag without the page's nonce is blocked by the CSP.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> }
      }
    ).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return result.violations
  }, TAGS)
  return violations
    .filter((v) => minImpact === 'minor' || v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    )
}
