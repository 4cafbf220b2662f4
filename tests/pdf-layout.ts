// Reads a PDF the way a reader sees it, with poppler-utils (Debian's `poppler-utils`, installed by
// .ci/run): the words and lines on each page with their positions (pdftotext -bbox-layout), the
// page sizes, and where ink is on a page (pdftoppm). Tests use it to check the printed layout
// rather than the HTML it came from.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface PdfWord {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}
export interface PdfLine {
  text: string
  words: PdfWord[]
  yMin: number
  yMax: number
}
export interface PdfPage {
  /** 1-based. */
  number: number
  /** In PDF points (1/72 inch). */
  width: number
  height: number
  lines: PdfLine[]
}

/** Fails with a message that says what to install when poppler-utils is missing. */
export function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdftoppm']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' })
    } catch {
      throw new Error(
        `${tool} not found: install Debian's poppler-utils (apt-get install poppler-utils), as .ci/run does`,
      )
    }
  }
}

function withFile<T>(pdf: Uint8Array, read: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-layout-'))
  try {
    const path = join(dir, 'doc.pdf')
    writeFileSync(path, pdf)
    return read(path, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.-]+)"`).exec(tag)?.[1] ?? NaN)

/** Every page with its lines of text, top to bottom as pdftotext groups them. */
export function pdfPages(pdf: Uint8Array): PdfPage[] {
  requirePoppler()
  const xhtml = withFile(pdf, (path) =>
    execFileSync('pdftotext', ['-bbox-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  )
  return [...xhtml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)].map((page, i) => {
    const lines = [...page[2]!.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map((line) => {
      const words = [...line[2]!.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w) => ({
        text: decode(w[2]!),
        xMin: attr(w[1]!, 'xMin'),
        yMin: attr(w[1]!, 'yMin'),
        xMax: attr(w[1]!, 'xMax'),
        yMax: attr(w[1]!, 'yMax'),
      }))
      return {
        text: words.map((w) => w.text).join(' '),
        words,
        yMin: attr(line[1]!, 'yMin'),
        yMax: attr(line[1]!, 'yMax'),
      }
    })
    return { number: i + 1, width: attr(page[1]!, 'width'), height: attr(page[1]!, 'height'), lines }
  })
}

/**
 * The box (in points) of everything drawn on a page between `top` and `bottom` (points from the
 * top edge; the running footer can be left out this way), from a grey rendering at 36 dpi.
 */
export function inkBox(
  pdf: Uint8Array,
  page: number,
  band: { top: number; bottom: number },
): { width: number; height: number } | null {
  requirePoppler()
  const DPI = 36
  const pgm = withFile(pdf, (path, dir) => {
    const out = join(dir, 'page')
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      String(DPI),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      path,
      out,
    ])
    return readFileSync(`${out}.pgm`)
  })
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))
  if (!header) throw new Error('pdftoppm wrote no PGM image')
  const [width, height] = [Number(header[1]), Number(header[2])]
  const data = pgm.subarray(header[0].length)
  const scale = DPI / 72
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (let y = Math.floor(band.top * scale); y < Math.min(height, band.bottom * scale); y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < 200) {
        x0 = Math.min(x0, x)
        x1 = Math.max(x1, x)
        y0 = Math.min(y0, y)
        y1 = Math.max(y1, y)
      }
    }
  }
  if (x1 < 0) return null
  return { width: (x1 - x0 + 1) / scale, height: (y1 - y0 + 1) / scale }
}
