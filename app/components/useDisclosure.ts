import { useLocation } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * Open/closed state of a menu that a button reveals: closes on navigation (the person chose where
 * to go) and on Escape, which returns focus to the button so keyboard users are not left nowhere.
 */
export function useDisclosure<T extends HTMLElement>() {
  const [open, setOpen] = useState(false)
  const button = useRef<T>(null)
  const location = useLocation()
  useEffect(() => setOpen(false), [location.key])
  const onKeyDown = useCallback((event: React.KeyboardEvent) => {
    if (event.key !== 'Escape') return
    setOpen(false)
    button.current?.focus()
  }, [])
  return { open, setOpen, toggle: () => setOpen((o) => !o), button, onKeyDown }
}
