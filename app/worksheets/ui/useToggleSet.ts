import { useState } from 'react'

/** A set of ids that can be switched on and off one by one (open comment threads, collapsed branches). */
export function useToggleSet(): [ReadonlySet<string>, (id: string) => void] {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set())
  const toggle = (id: string) =>
    setIds((prev) => {
      const next = new Set(prev)
      if (!next.delete(id)) next.add(id)
      return next
    })
  return [ids, toggle]
}
