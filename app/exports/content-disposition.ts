// A download's Content-Disposition, named after the plan's title. The title is user input in any
// script: `filename` gets an ASCII-only fallback for old clients, `filename*` (RFC 6266 / 5987)
// the title itself, percent-encoded as UTF-8. Neither can carry quotes, slashes or control
// characters, so the header cannot be split or point outside the download folder.

const MAX_NAME = 80

// Characters that break a header or a file name on some system, and controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F-\u009F"*/:<>?\\|]+/g

/** At most `max` characters, cut at a word boundary when one is not too far back. */
function cut(value: string, max: number): string {
  const chars = [...value]
  if (chars.length <= max) return value.trim()
  const head = chars.slice(0, max).join('')
  const boundary = Math.max(head.lastIndexOf(' '), head.lastIndexOf('-'))
  return (boundary > max / 2 ? head.slice(0, boundary) : head).trim()
}

/** The title as an ASCII file name: accents dropped, anything but letters, digits, _ and - turned into hyphens. */
export function asciiName(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
  return cut(ascii, MAX_NAME).replace(/-+$/, '')
}

/** The title as a Unicode file name: unsafe characters removed, spaces collapsed, not starting with a dot. */
export function unicodeName(title: string): string {
  return cut(title.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, ''), MAX_NAME)
}

// encodeURIComponent leaves ' ( ) * ! ~ alone; RFC 5987's attr-char allows only ! and ~ of those.
const encodeAttr = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * `attachment; filename="…"; filename*=UTF-8''…` for `title` (shortened) + `suffix` + `.extension`;
 * `fallback` stands in when the title has no usable characters.
 */
export function attachmentDisposition(input: {
  title: string
  suffix?: string
  extension: string
  fallback: string
}): string {
  // The suffix is ours (a version number), so plain characters are enough.
  const suffix = (input.suffix ?? '').replace(/[^A-Za-z0-9._-]/g, '')
  const ascii = (asciiName(input.title) || asciiName(input.fallback) || 'download') + suffix
  const unicode = (unicodeName(input.title) || unicodeName(input.fallback) || ascii) + suffix
  return `attachment; filename="${ascii}.${input.extension}"; filename*=UTF-8''${encodeAttr(`${unicode}.${input.extension}`)}`
}
