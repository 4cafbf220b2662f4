import { BASE_FIELD_NAME } from '../protocol.ts'
import { type EditBase } from './useEditBase.ts'

/** The hidden fields that tell the server what this form started from (ADR 036). */
export function BaseFields({ base }: { base: EditBase | null }) {
  if (!base) return null
  return (
    <>
      <input type="hidden" name="version" value={base.version} />
      <input type="hidden" name={BASE_FIELD_NAME} value={JSON.stringify(base.data)} />
    </>
  )
}
