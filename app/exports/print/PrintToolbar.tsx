// The bar above the printable plan on screen (hidden when printing): back to the plan, print,
// and the PDF and Word downloads. In the reader's language, which may differ from the plan's.
import { useTranslation } from 'react-i18next'
import { type Lang } from '../types.ts'

export interface ToolbarProps {
  lang: Lang
  backHref: string
  pdfHref: string
  docxHref: string
  /** False when the server has no Chromium: the PDF link is replaced by an explanation. */
  pdfAvailable: boolean
}

export function PrintToolbar({ lang, backHref, pdfHref, docxHref, pdfAvailable }: ToolbarProps) {
  const { t } = useTranslation('exports')
  return (
    <nav className="print-toolbar" aria-label={t('print.toolbar')} lang={lang}>
      <ul>
        <li>
          <a href={backHref}>← {t('print.back')}</a>
        </li>
        <li>
          <button type="button" id="print-button">
            {t('print.print')}
          </button>
        </li>
        <li>
          {pdfAvailable ? (
            <a href={pdfHref}>{t('print.downloadPdf')}</a>
          ) : (
            <span className="print-toolbar__note">{t('print.pdfUnavailable')}</span>
          )}
        </li>
        <li>
          <a href={docxHref}>{t('print.downloadDocx')}</a>
        </li>
      </ul>
    </nav>
  )
}
