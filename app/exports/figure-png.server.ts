// A figure's SVG (drawn by print/Figures.tsx, the same drawing the print view shows) as a PNG for
// the Word file. resvg draws it on the server: no browser, no network. Two things the browser gets
// from the page have to come with the SVG instead:
// - the styles: the worksheet stylesheets colour the drawings by class, so the rules are put into
//   the SVG's own <style>, with the design tokens (var(--ink) …) written out, since resvg's CSS
//   knows neither custom properties nor media queries;
// - the font: resvg draws only text in fonts it has loaded. Text is set in Source Sans 3 from the
//   `source-sans` package (OFL-1.1), so a server without any font installed still writes every
//   word. The system's fonts are loaded too, only as a fallback for the odd symbol Source Sans
//   lacks (the pivot star ★, which the word "pivot" beside it repeats).
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { renderAsync } from '@resvg/resvg-js'
import monitoringCss from '../styles/monitoring.css?raw'
import tokensCss from '../styles/tokens.css?raw'
import worksheetCss from '../styles/worksheets.css?raw'
import printCss from './print/print.css?raw'

export const FIGURE_FONT = 'Source Sans 3'

const fontDir = join(dirname(createRequire(import.meta.url).resolve('source-sans/package.json')), 'TTF')
const FONT_FILES = ['Regular', 'It', 'Bold', 'BoldIt', 'Semibold'].map((w) => join(fontDir, `SourceSans3-${w}.ttf`))

/** The CSS text without comments and without any @-rule block (media queries, @page …). */
function topLevelRules(css: string): string {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  let out = ''
  let i = 0
  while (i < text.length) {
    const at = text.indexOf('@', i)
    if (at < 0) {
      out += text.slice(i)
      break
    }
    out += text.slice(i, at)
    // Skip the at-rule: up to its ';' or through its balanced { } block.
    let j = at
    let depth = 0
    for (; j < text.length; j++) {
      const c = text[j]
      if (c === ';' && depth === 0) break
      if (c === '{') depth++
      if (c === '}' && --depth === 0) break
    }
    i = j + 1
  }
  return out
}

/** `--name: value` pairs of the token sheet's :root. */
function tokens(css: string): Map<string, string> {
  return new Map([...css.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]))
}

// Only selectors resvg's CSS engine reads (classes, elements, descendant and child combinators);
// a rule with a pseudo-class or :has() is dropped rather than risk the rest of the sheet.
const PLAIN_SELECTOR = /^[\w\s.,>*-]+$/

interface Rule {
  /** The comma-separated selectors, each with the classes it names. */
  selectors: { text: string; classes: string[] }[]
  body: string
}

/** The drawing rules of the stylesheets, with the tokens' values written in. */
function buildRules(): Rule[] {
  const values = tokens(tokensCss)
  return [worksheetCss, monitoringCss, printCss].flatMap((css) =>
    [...topLevelRules(css).matchAll(/([^{}]+)\{([^{}]*)\}/g)].flatMap((m) => {
      const selector = m[1]!.trim()
      if (!PLAIN_SELECTOR.test(selector)) return []
      return [
        {
          selectors: selector.split(',').map((text) => ({
            text: text.trim(),
            classes: [...text.matchAll(/\.([\w-]+)/g)].map((c) => c[1]!),
          })),
          body: m[2]!.replace(/var\((--[\w-]+)\)/g, (_, name: string) => values.get(name) ?? 'inherit'),
        },
      ]
    }),
  )
}

let rules: Rule[] | undefined

/**
 * The rules that can match a drawing using `classes`. resvg matches every element against every
 * rule, so the few dozen that apply are passed rather than the stylesheets' hundreds.
 */
function cssFor(classes: Set<string>): string {
  rules ??= buildRules()
  return rules
    .flatMap((r) => {
      const used = r.selectors.filter((s) => s.classes.length > 0 && s.classes.every((c) => classes.has(c)))
      return used.length ? [`${used.map((s) => s.text).join(',')}{${r.body}}`] : []
    })
    .join('\n')
}

/**
 * A standalone SVG document from the first `<svg>` in `markup`: namespace, the drawing styles and
 * the figure font added. Null when the markup holds no SVG.
 */
export function standaloneSvg(markup: string): string | null {
  const start = markup.indexOf('<svg')
  const end = markup.lastIndexOf('</svg>')
  if (start < 0 || end < 0) return null
  const svg = markup.slice(start, end + '</svg>'.length)
  const open = svg.indexOf('>')
  const head = svg.slice(0, open)
  const attributes = head.includes('xmlns=') ? '' : ' xmlns="http://www.w3.org/2000/svg"'
  // Rules like `.progress-chart .axis` name an HTML element around the SVG (the chart's <figure>):
  // its classes go onto a group inside, so the same rules still match.
  const outer = [...markup.slice(0, start).matchAll(/class="([^"]+)"/g)].map((m) => m[1]!)
  const classes = new Set(
    [...outer, ...[...svg.matchAll(/class="([^"]+)"/g)].map((m) => m[1]!)].flatMap((c) => c.split(/\s+/)),
  )
  const css = cssFor(classes).replace(/<\//g, '<\\/')
  const style = `<style>svg{font-family:'${FIGURE_FONT}';}\n${css}</style>`
  const groups = outer.map((c) => `<g class="${c}">`).join('')
  const inner = svg.slice(open + 1, svg.length - '</svg>'.length)
  return `${head}${attributes} font-family="${FIGURE_FONT}">${style}${groups}${inner}${'</g>'.repeat(outer.length)}</svg>`
}

export interface FigurePng {
  png: Buffer
  width: number
  height: number
}

/**
 * Rasterises a standalone SVG to `widthPx` pixels wide on white (Word shows transparency on its
 * page colour), in libuv's thread pool so the server keeps answering meanwhile. `systemFonts:
 * false` draws with the packaged font alone, as on a bare server.
 */
export async function svgToPng(
  svg: string,
  widthPx: number,
  options: { systemFonts?: boolean } = {},
): Promise<FigurePng> {
  const image = await renderAsync(svg, {
    font: {
      loadSystemFonts: options.systemFonts ?? true,
      fontFiles: FONT_FILES,
      defaultFontFamily: FIGURE_FONT,
      sansSerifFamily: FIGURE_FONT,
    },
    fitTo: { mode: 'width', value: Math.round(widthPx) },
    background: '#ffffff',
    textRendering: 1,
    shapeRendering: 2,
  })
  return { png: image.asPng(), width: image.width, height: image.height }
}
