import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../utils/locales.ts'
import { type LinkOption } from '../types.ts'
import { MEMBER_OPTIONS, type FieldSpec } from '../spec.ts'
import { RecordName } from './RecordName.tsx'

/** A stored value as people read it: translated options, linked records by their words and code, local numbers. */
export function ItemValue({
  field,
  value,
  options,
}: {
  field: FieldSpec
  value: unknown
  options: Record<string, LinkOption[]>
}) {
  const { t, i18n } = useTranslation('worksheets')
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
    return <span className="muted">—</span>
  switch (field.type) {
    case 'enum':
      return <>{t(`options.${field.name}.${String(value)}`)}</>
    case 'multiEnum':
      return <>{(value as string[]).map((v) => t(`options.${field.name}.${v}`)).join(', ')}</>
    case 'number':
      return <>{formatNumber(Number(value), i18n.language)}</>
    case 'boolean':
      return <>{value ? t('yes') : t('no')}</>
    case 'member': {
      const person = (options[MEMBER_OPTIONS] ?? []).find((o) => o.id === value)
      return <>{person ? person.label : t('formerMember')}</>
    }
    case 'link':
    case 'links': {
      const ids = Array.isArray(value) ? value : [value]
      const byId = new Map((options[field.kind] ?? []).map((o) => [o.id, o]))
      return (
        <>
          {ids.map((id, i) => {
            const o = byId.get(String(id))
            return (
              <span key={String(id)}>
                {i > 0 ? ', ' : ''}
                {o ? <RecordName code={o.ref} words={o.label} /> : '?'}
              </span>
            )
          })}
        </>
      )
    }
    default:
      return <span className="prewrap">{String(value)}</span>
  }
}
