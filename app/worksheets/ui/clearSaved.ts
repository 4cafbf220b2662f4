/**
 * After a save, empties the fields that still hold what was sent; a field changed
 * while the save was under way keeps its new content, so nothing typed meanwhile is lost.
 */
export function clearSaved(form: HTMLFormElement, sent: FormData) {
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      if (el.checked === sent.getAll(el.name).includes(el.value)) el.checked = el.defaultChecked
    } else if ((el instanceof HTMLInputElement && el.type !== 'hidden') || el instanceof HTMLTextAreaElement) {
      if (el.value === (sent.get(el.name) ?? '')) el.value = el.defaultValue
    } else if (el instanceof HTMLSelectElement && el.value === (sent.get(el.name) ?? '')) {
      el.selectedIndex = Math.max(
        0,
        Array.from(el.options).findIndex((o) => o.defaultSelected),
      )
    }
  }
}
