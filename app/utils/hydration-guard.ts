// React attaches its listeners when hydration starts, but Remix suspends the first render until it
// has decoded the page's data (single fetch). A click or key press in that window makes React try
// to hydrate synchronously; that render suspends again and React throws "Root did not complete"
// (error #345) from the event. Until the first commit these events are kept from React (a capture
// listener on window runs before React's on the document); their default actions still happen, so
// the server-rendered page works as plain HTML meanwhile: links, the skip link, typing, native
// form posts. See ADR 027.

// The events for which React 18 hydrates synchronously (its "discrete replayable" list).
const HYDRATING_EVENTS = [
  'mousedown',
  'mouseup',
  'touchcancel',
  'touchend',
  'touchstart',
  'auxclick',
  'dblclick',
  'pointercancel',
  'pointerdown',
  'pointerup',
  'dragend',
  'dragstart',
  'drop',
  'compositionend',
  'compositionstart',
  'keydown',
  'keypress',
  'keyup',
  'input',
  'textInput',
  'copy',
  'cut',
  'paste',
  'click',
  'change',
  'contextmenu',
  'reset',
  'submit',
] as const

/** Keeps those events from React until the returned function is called (once hydration has committed). */
export function holdEventsUntilHydrated(target: Window): () => void {
  const keepFromReact = (event: Event) => event.stopPropagation()
  for (const type of HYDRATING_EVENTS) target.addEventListener(type, keepFromReact, true)
  return () => {
    for (const type of HYDRATING_EVENTS) target.removeEventListener(type, keepFromReact, true)
  }
}
