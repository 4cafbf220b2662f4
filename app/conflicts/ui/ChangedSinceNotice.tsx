import { useTranslation } from 'react-i18next'
import { type EditBase } from './useEditBase.ts'

/** Tells the person that the record changed under their open form (live refresh never rewrites the form). */
export function ChangedSinceNotice({
  current,
  base,
  by,
  what = 'row',
}: {
  current: { version: number } | null | undefined
  base: EditBase | null
  by: string | null | undefined
  what?: 'row' | 'record'
}) {
  const { t } = useTranslation('common')
  if (!current || !base || current.version <= base.version) return null
  const name = by || t('conflict.someone')
  return (
    <div className="alert alert--info" role="status">
      <p>{t(what === 'row' ? 'conflict.changedRow' : 'conflict.changedRecord', { name })}</p>
      <p>{t('conflict.changedHint', { name })}</p>
    </div>
  )
}
