// The plan as a document, independent of its output format. One builder
// (plan-document.server.ts) turns a plan's data, worksheets and co-edited documents into this
// tree, already translated into the plan's working language; the print view (HTML, and the PDF
// printed from it) and the DOCX writer only lay it out. Keeping the content decisions in one place
// means the three exports never disagree about what a plan says.

import { type Locale } from '#core/vocabulary.ts'

export type Lang = Locale

/** Inline text with the few marks Lexical documents carry. */
export interface TextRun {
  /** May contain '\n' (a line break within the paragraph) and '\t'. */
  text: string
  bold?: boolean
  italic?: boolean
  underline?: boolean
  code?: boolean
  /** Absolute http(s) or mailto address; anything else is dropped by the builder. */
  href?: string
}

export type Block =
  /** level 1 = step, 2 = sub-step, 3 = a part of a sub-step (the document title is not a block). */
  | { type: 'heading'; level: 1 | 2 | 3 | 4; text: string; id?: string }
  | { type: 'paragraph'; runs: TextRun[]; style?: 'normal' | 'muted' | 'quote' }
  | { type: 'list'; ordered: boolean; items: ListItem[] }
  /**
   * A worksheet as a table: the header row comes from `columns`; cells are plain strings. A table
   * from a co-edited document has empty `columns` when its author marked no header row.
   */
  | { type: 'table'; caption?: string; columns: string[]; rows: string[][]; numeric?: boolean[] }
  /** Label/value pairs (plan facts, a singleton worksheet, a decision). */
  | { type: 'facts'; items: { label: string; value: string }[] }
  /**
   * A drawing the print view renders as SVG from `data` (the same props its worksheet component
   * takes); the DOCX gets `caption`, `alt` and the `fallback` blocks (a table of the same facts).
   */
  | { type: 'figure'; figure: FigureKind; caption: string; alt: string; fallback?: Block[]; data?: unknown }

export interface ListItem {
  runs: TextRun[]
  children?: ListItem[]
  /** Whether `children` form a numbered list (they nest under this item). */
  ordered?: boolean
}

export type FigureKind =
  'target-map' | 'plan-map' | 'implementation-chart' | 'stakeholder-grid' | 'indicator-progress' | 'cause-tree'

export interface DocumentSection {
  /** '1'…'6' for steps, or 'plan', 'monitoring', 'endorsements'. */
  key: string
  blocks: Block[]
}

export interface PlanDocument {
  planId: string
  lang: Lang
  title: string
  /** Shown under the title: country, scope, horizon, status, version. */
  subtitle: string
  /** Plan facts (country, region, sectors, scope, horizon, status, team by constituency). */
  facts: { label: string; value: string }[]
  sections: DocumentSection[]
  /** When the content was read, ISO 8601; printed in the footer. */
  generatedAt: string
  /** The approved version this document shows, if it is one. */
  version?: number
}
