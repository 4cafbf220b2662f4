import { useState } from 'react'
import { changedFields, type Values } from '../merge.ts'

export interface EditBase {
  version: number
  data: Values
}

interface SaveAnswer {
  conflict?: EditBase | null
  saved?: EditBase | null
}

/**
 * The version and values a form started editing from. Live refresh changes `record`, never this:
 * only the person's own saves move it (to what they saved), and a refused save moves it to what is
 * saved now, because the form then shows that and the person chooses knowingly.
 */
export function useEditBase(
  record: EditBase | null | undefined,
  answer: SaveAnswer | null | undefined,
  { follow = false } = {},
): EditBase | null {
  const [base, setBase] = useState<EditBase | null>(() =>
    record ? { version: record.version, data: record.data } : null,
  )
  // An always-open form the person has not touched may follow live refresh: nothing typed to lose.
  // A record without a version (a participant's scores, version 0) is newer when its values differ.
  const newer =
    follow &&
    record &&
    (!base ||
      record.version > base.version ||
      (record.version === 0 && base.version === 0 && !sameRecord(record.data, base.data)))
      ? record
      : null
  if (newer) setBase({ version: newer.version, data: newer.data })
  const next = answer?.conflict ?? answer?.saved ?? null
  const [seen, setSeen] = useState(next)
  if (next !== seen) {
    setSeen(next)
    if (next) setBase({ version: next.version, data: next.data })
  }
  return base
}

const sameRecord = (a: Values, b: Values) =>
  changedFields([...new Set([...Object.keys(a), ...Object.keys(b)])], a, b).length === 0
