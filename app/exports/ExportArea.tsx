// The "Print, PDF and Word" links on the plan overview. Plain links (not client navigation): the
// three are documents and downloads served by resource routes.
import { useTranslation } from 'react-i18next'

export function ExportArea({
  planId,
  workingLanguage,
  pdfAvailable,
}: {
  planId: string
  workingLanguage: string
  pdfAvailable: boolean
}) {
  const { t } = useTranslation('exports')
  return (
    <section aria-labelledby="export-heading" className="card export-area">
      <h2 id="export-heading">{t('area.title')}</h2>
      <p>{t('area.intro', { language: t(`common:languages.${workingLanguage}`) })}</p>
      <ul>
        <li>
          <a href={`/plans/${planId}/print`}>{t('area.printView')}</a>
        </li>
        <li>
          {pdfAvailable ? (
            <a href={`/plans/${planId}/export.pdf`}>{t('area.pdf')}</a>
          ) : (
            <span>{t('area.pdfUnavailable')}</span>
          )}
        </li>
        <li>
          <a href={`/plans/${planId}/export.docx`}>{t('area.docx')}</a>
        </li>
      </ul>
    </section>
  )
}
