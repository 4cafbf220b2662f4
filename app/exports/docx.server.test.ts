import { describe, expect, test } from 'vitest'
import { assertWellFormedDocx, readDocx, wordText } from '#tests/docx-utils.ts'
import { planDocumentToDocx } from './docx.server.ts'
import { type PlanDocument } from './types.ts'

// A hand-built PlanDocument with one of each block, so the writer is tested apart from the builder.
function fixture(overrides: Partial<PlanDocument> = {}): PlanDocument {
  return {
    planId: '00000000-0000-0000-0000-000000000001',
    lang: 'fr',
    title: 'Plan de conformité : huile de palme',
    subtitle: 'Kalindra · 2026–2028 · approuvé',
    facts: [
      { label: 'Pays', value: 'République de Kalindra' },
      { label: 'Secteurs', value: 'Agriculture' },
    ],
    generatedAt: '2026-11-23T10:00:00.000Z',
    sections: [
      {
        key: '1',
        blocks: [
          { type: 'heading', level: 1, text: 'Étape 1 : Choisir le problème' },
          { type: 'heading', level: 2, text: '1.1 Cartographier' },
          {
            type: 'paragraph',
            runs: [
              { text: 'Texte ' },
              { text: 'gras', bold: true },
              { text: ' et ' },
              { text: 'OIT', href: 'https://www.ilo.org/' },
            ],
          },
          { type: 'paragraph', runs: [{ text: 'Une citation' }], style: 'quote' },
          {
            type: 'list',
            ordered: true,
            items: [
              { runs: [{ text: 'Premier' }], children: [{ runs: [{ text: 'Sous-point' }] }], ordered: false },
              { runs: [{ text: 'Second' }] },
            ],
          },
          { type: 'list', ordered: true, items: [{ runs: [{ text: 'Autre liste' }] }] },
          {
            type: 'table',
            caption: 'Tableau 1 : acteurs',
            columns: ['Acteur', 'Score'],
            rows: [
              ['Ministère', '4'],
              ['Syndicat', '5'],
            ],
            numeric: [false, true],
          },
          { type: 'heading', level: 3, text: 'Décision' },
          { type: 'facts', items: [{ label: 'Problème prioritaire', value: 'Salaires impayés' }] },
          {
            type: 'figure',
            figure: 'plan-map',
            caption: 'Carte du plan',
            alt: 'Trois interventions reliées au résultat',
            fallback: [{ type: 'table', columns: ['Intervention', 'Résultat'], rows: [['Inspections', 'Conformité']] }],
          },
        ],
      },
    ],
    ...overrides,
  }
}

describe('planDocumentToDocx', () => {
  test('writes the title, facts and content with Word built-in styles', async () => {
    const parts = await readDocx(await planDocumentToDocx(fixture()))
    const text = wordText(parts.document)
    expect(text).toContain('Plan de conformité : huile de palme')
    expect(text).toContain('République de Kalindra')
    expect(parts.document).toMatch(/<w:pStyle w:val="Title"\/><\/w:pPr>(?:(?!<\/w:p>).)*Plan de conformité/)
    expect(parts.document).toMatch(/<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>).)*Étape 1 : Choisir le problème/)
    expect(parts.document).toMatch(/<w:pStyle w:val="Heading2"\/>(?:(?!<\/w:p>).)*1\.1 Cartographier/)
    expect(parts.document).toMatch(/<w:pStyle w:val="Heading3"\/>(?:(?!<\/w:p>).)*Décision/)
    expect(parts.document).toMatch(/<w:pStyle w:val="Quote"\/>(?:(?!<\/w:p>).)*Une citation/)
    for (const level of [1, 2, 3, 4]) {
      expect(parts.styles).toMatch(
        new RegExp(
          `<w:style w:type="paragraph" w:styleId="Heading${level}">(?:(?!</w:style>).)*<w:outlineLvl w:val="${level - 1}"/>`,
        ),
      )
    }
    expect(parts.styles).toContain('w:styleId="Title"')
  })

  test('sets the working language on the style defaults, every run and the core properties, with French labels', async () => {
    const parts = await readDocx(await planDocumentToDocx(fixture()))
    expect(/<w:docDefaults>.*<w:lang w:val="([^"]+)"\/>.*<\/w:docDefaults>/.exec(parts.styles)?.[1]).toBe('fr-FR')
    const runLanguages = new Set([...parts.document.matchAll(/<w:lang w:val="([^"]+)"/g)].map((m) => m[1]))
    expect([...runLanguages]).toEqual(['fr-FR'])
    expect(parts.core).toContain('<dc:language>fr-FR</dc:language>')
    expect(parts.core).toContain('<dc:title>Plan de conformité : huile de palme</dc:title>')
    expect(wordText(parts.document)).toContain('Table des matières')
    expect(wordText(parts.footer)).toMatch(/Plan de conformité : huile de palme · 23 novembre 2026\s*Page {2}sur /)
  })

  test('writes Spanish and English documents in their languages', async () => {
    const es = await readDocx(await planDocumentToDocx(fixture({ lang: 'es' })))
    expect(es.core).toContain('<dc:language>es-ES</dc:language>')
    expect(wordText(es.document)).toContain('Índice')
    const en = await readDocx(await planDocumentToDocx(fixture({ lang: 'en', version: 2 })))
    expect(en.core).toContain('<dc:language>en-GB</dc:language>')
    expect(wordText(en.footer)).toContain('version 2 · 23 November 2026')
  })

  test('marks the header row of a table as repeating and captions it', async () => {
    const parts = await readDocx(await planDocumentToDocx(fixture()))
    expect(parts.document).toMatch(
      /<w:pStyle w:val="Caption"\/>(?:(?!<\/w:p>).)*Tableau 1 : acteurs<\/w:t><\/w:r><\/w:p><w:tbl>/,
    )
    const headerRow = /<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>((?:(?!<\/w:tr>).)*)<\/w:tr>/.exec(
      parts.document,
    )
    expect(wordText(headerRow?.[1] ?? '')).toBe('ActeurScore')
    expect(parts.document).toMatch(
      /<w:jc w:val="end"\/><\/w:pPr><w:r><w:rPr><w:lang w:val="fr-FR"\/><\/w:rPr><w:t xml:space="preserve">4<\/w:t>/,
    )
  })

  test('writes lists with real numbering, each numbered list restarting', async () => {
    const parts = await readDocx(await planDocumentToDocx(fixture()))
    const numId = (label: string) =>
      new RegExp(`<w:ilvl w:val="(\\d)"/><w:numId w:val="(\\d+)"/></w:numPr></w:pPr>(?:(?!</w:p>).)*${label}`).exec(
        parts.document,
      )
    const first = numId('Premier')
    const nested = numId('Sous-point')
    const second = numId('Second')
    const other = numId('Autre liste')
    expect(first?.[1]).toBe('0')
    expect(nested?.[1]).toBe('1')
    expect(second?.[2]).toBe(first?.[2])
    expect(other?.[2]).not.toBe(first?.[2])
    expect(parts.numbering).toContain('<w:numFmt w:val="decimal"/>')
    expect(parts.numbering).toContain('<w:numFmt w:val="bullet"/>')
  })

  test('writes links as external hyperlinks', async () => {
    const buffer = await planDocumentToDocx(fixture())
    const parts = await readDocx(buffer)
    const rel = /<w:hyperlink w:history="1" r:id="([^"]+)">(?:(?!<\/w:hyperlink>).)*OIT/.exec(parts.document)?.[1]
    expect(rel).toBeTruthy()
    const JSZip = (await import('jszip')).default
    const rels = await (await JSZip.loadAsync(buffer)).file('word/_rels/document.xml.rels')!.async('string')
    expect(rels).toMatch(
      new RegExp(
        `Id="${rel}"[^>]*Target="https://www.ilo.org/"[^>]*TargetMode="External"|Target="https://www.ilo.org/"[^>]*TargetMode="External"[^>]*Id="${rel}"`,
      ),
    )
  })

  test('lays a figure out as caption, description and its fallback table', async () => {
    const text = wordText((await readDocx(await planDocumentToDocx(fixture()))).document)
    expect(text).toContain('Carte du planDescription : Trois interventions reliées au résultatIntervention')
    expect(text).toContain('InspectionsConformité')
  })

  test('uses A4 pages with a footer carrying the title and page fields', async () => {
    const parts = await readDocx(await planDocumentToDocx(fixture()))
    const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(parts.document)
    expect(Math.abs(Number(size?.[1]) - 11906)).toBeLessThanOrEqual(2)
    expect(Math.abs(Number(size?.[2]) - 16838)).toBeLessThanOrEqual(2)
    expect(parts.footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>')
    expect(parts.footer).toContain('<w:instrText xml:space="preserve">NUMPAGES</w:instrText>')
  })

  test('escapes markup and drops characters XML cannot carry, so the file still parses', async () => {
    const evil = 'Evil </w:t></w:r><w:p>& "quoted" \u0000\u0001\u000B\u001F\uFFFE\uD800 end'
    const doc = fixture({
      title: evil,
      subtitle: evil,
      facts: [{ label: evil, value: evil }],
      sections: [
        {
          key: '1',
          blocks: [
            { type: 'heading', level: 1, text: evil },
            { type: 'paragraph', runs: [{ text: evil, href: 'https://example.org/?a=1&b=<2>' }] },
            { type: 'table', caption: evil, columns: [evil], rows: [[evil]] },
          ],
        },
      ],
    })
    const buffer = await planDocumentToDocx(doc)
    const parts = await assertWellFormedDocx(buffer)
    expect(parts).toContain('word/document.xml')
    const { document, core } = await readDocx(buffer)
    expect(document).not.toContain('<w:p>&')
    expect(document).toContain('Evil &lt;/w:t&gt;&lt;/w:r&gt;&lt;w:p&gt;&amp; ')
    expect(wordText(document)).toContain('Evil </w:t></w:r><w:p>& "quoted"  end')
    expect(core).toContain('<dc:title>Evil &lt;/w:t&gt;&lt;/w:r&gt;&lt;w:p&gt;&amp; &quot;quoted&quot;  end</dc:title>')
  })

  test('writes a well-formed file for an empty plan', async () => {
    const buffer = await planDocumentToDocx(fixture({ subtitle: '', facts: [], sections: [] }))
    await expect(assertWellFormedDocx(buffer)).resolves.toContain('word/styles.xml')
  })
})
