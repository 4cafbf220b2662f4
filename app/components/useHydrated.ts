import { useEffect, useState } from 'react'

/**
 * False in the server's HTML and until React has taken over the page, true after. Controls that
 * only work with scripts (a menu button, a drawer) are offered from then on; before, the page shows
 * what they would reveal, so it works without scripts and on a slow connection.
 */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
