import { useEffect } from 'react'

// Boxes that may scroll sideways on a narrow screen: wide tables, the maps' canvases, the cause tree.
const SCROLL_BOXES = '.table-wrap, .target-map__canvas, .plan-map__canvas, .cause-tree__diagram, [data-scroll-box]'

/**
 * Makes every box that scrolls sideways reachable by keyboard (WCAG 2.1.1; axe's
 * scrollable-region-focusable): while its content is wider than the box, it is a focusable group
 * named after the table or section it shows, so arrow keys scroll it. Whether a box scrolls depends
 * on the screen's width, which only the browser knows, hence a check after layout rather than
 * markup written on the server; boxes that fit are left alone and stay out of the tab order.
 */
export function useScrollBoxes() {
  useEffect(() => {
    let frame = 0
    const update = () => {
      frame = 0
      for (const box of document.querySelectorAll<HTMLElement>(SCROLL_BOXES)) mark(box)
    }
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update)
    }
    update()
    const resize = new ResizeObserver(schedule)
    resize.observe(document.body)
    // Typing in a co-edited document changes the DOM at every key; none of that adds or removes a
    // scroll box, so those mutations do not cost a layout read each.
    const mutations = new MutationObserver((records) => {
      if (records.some(outsideEditor)) schedule()
    })
    mutations.observe(document.body, { childList: true, subtree: true })
    return () => {
      cancelAnimationFrame(frame)
      resize.disconnect()
      mutations.disconnect()
    }
  }, [])
}

function mark(box: HTMLElement) {
  const scrolls = box.scrollWidth > box.clientWidth + 1
  const marked = box.dataset.scrollRegion === ''
  if (scrolls === marked) return
  if (!scrolls) {
    box.removeAttribute('tabindex')
    box.removeAttribute('role')
    box.removeAttribute('aria-labelledby')
    box.removeAttribute('aria-label')
    delete box.dataset.scrollRegion
    return
  }
  box.dataset.scrollRegion = ''
  box.tabIndex = 0
  // A group, not a region: a region is a landmark, and would repeat the landmark of the section
  // around it under the same name.
  box.setAttribute('role', 'group')
  const named = nameSource(box)
  if (named?.id) box.setAttribute('aria-labelledby', named.id)
  else if (named?.textContent) box.setAttribute('aria-label', named.textContent.trim())
}

/** The caption of the table inside, else the heading of the section around the box. */
function nameSource(box: HTMLElement): HTMLElement | null {
  const caption = box.querySelector('caption')
  if (caption?.textContent?.trim()) return caption
  const section = box.closest<HTMLElement>('[aria-labelledby]')
  const id = section?.getAttribute('aria-labelledby')?.split(' ')[0]
  if (id) {
    const label = document.getElementById(id)
    if (label) return label
  }
  const heading = box.closest('section, .card')?.querySelector<HTMLElement>('h2, h3, h4')
  return heading ?? null
}

function outsideEditor(record: MutationRecord) {
  const element = record.target instanceof Element ? record.target : record.target.parentElement
  return !element?.closest('[contenteditable="true"]')
}
