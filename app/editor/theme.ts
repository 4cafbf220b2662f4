// Class names Lexical puts on the editor's DOM; styled in app/styles/editor.css.
import { type EditorThemeClasses } from 'lexical'

export const EDITOR_THEME: EditorThemeClasses = {
  paragraph: 'ed-p',
  heading: { h1: 'ed-h1', h2: 'ed-h2', h3: 'ed-h3', h4: 'ed-h4', h5: 'ed-h5', h6: 'ed-h6' },
  quote: 'ed-quote',
  link: 'ed-link',
  list: {
    ul: 'ed-ul',
    ol: 'ed-ol',
    listitem: 'ed-li',
    nested: { listitem: 'ed-li--nested' },
  },
  table: 'ed-table',
  tableRow: 'ed-tr',
  tableCell: 'ed-td',
  tableCellHeader: 'ed-th',
  tableSelection: 'ed-table--selecting',
  tableCellSelected: 'ed-td--selected',
  text: {
    bold: 'ed-bold',
    italic: 'ed-italic',
    underline: 'ed-underline',
    strikethrough: 'ed-strike',
    code: 'ed-code',
  },
  collaboration: {
    cursor: 'ed-cursor',
    cursorName: 'ed-cursor__name',
    selection: 'ed-selection',
    selectionBg: 'ed-selection__bg',
  },
}
