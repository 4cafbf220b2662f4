import JSZip from 'jszip'
import { SaxesParser } from 'saxes'

/** The XML parts of a .docx file that tests look into. */
export interface DocxParts {
  document: string
  styles: string
  numbering: string
  core: string
  footer: string
  files: string[]
}

/** Unzips a .docx and returns its main parts as text; throws when the file is not a readable zip. */
export async function readDocx(buffer: Uint8Array | ArrayBuffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buffer)
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? ''
  const files = Object.keys(zip.files)
  const footerPath = files.find((f) => /^word\/footer\d*\.xml$/.test(f))
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    numbering: await read('word/numbering.xml'),
    core: await read('docProps/core.xml'),
    footer: footerPath ? await read(footerPath) : '',
    files,
  }
}

/**
 * Parses every XML part of a .docx with a strict XML 1.0 parser (which, like Word, rejects
 * forbidden characters and broken markup); throws on the first part that is not well-formed.
 */
export async function assertWellFormedDocx(buffer: Uint8Array | ArrayBuffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(buffer)
  const parts = Object.keys(zip.files).filter((f) => /\.(xml|rels)$/.test(f))
  for (const part of parts) {
    const parser = new SaxesParser({ xmlns: true })
    parser.on('error', (error) => {
      throw new Error(`${part}: ${error.message}`)
    })
    parser.write((await zip.file(part)?.async('string')) ?? '').close()
  }
  return parts
}

/** The visible text of a WordprocessingML part: the contents of its w:t elements, joined. */
export function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join('')
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}
