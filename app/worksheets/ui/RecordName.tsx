import { useTranslation } from 'react-i18next'

/**
 * A record as people refer to it: its words, then its code in brackets, quieter (ADR 057). The
 * words wrap; `clamp` shortens them to two lines on screen only (a narrow column header), where the
 * full text stays in the page for screen readers, in the tooltip, and in the record's own row.
 */
export function RecordName({ code, words, clamp = false }: { code: string; words: string; clamp?: boolean }) {
  const { t } = useTranslation('worksheets')
  return (
    <span className="record-name">
      {words ? (
        <span
          className={clamp ? 'record-name__words record-name__words--clamp' : 'record-name__words'}
          title={clamp ? words : undefined}
        >
          {words}
        </span>
      ) : (
        <span className="muted">{t('untitled')}</span>
      )}{' '}
      <span className="record-name__code">({code})</span>
    </span>
  )
}
