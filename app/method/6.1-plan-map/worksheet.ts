// 6.1 Plan map: every layer of the earlier steps on the target map, read-only.
import { defineWorksheet } from '../define.ts'

// Nothing to edit: the read-only map is its panel.
export const worksheet = defineWorksheet({
  code: '6.1',
  kinds: [],
  lists: [],
  linkKinds: [],
})
