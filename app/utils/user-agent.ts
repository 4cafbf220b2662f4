// Where someone is signed in, as people name it ("Firefox on Windows"), from the browser's
// User-Agent header: the account page lists sessions by it. Isomorphic and deliberately small: the
// browsers and systems people use, checked in an order that tells them apart (Edge and Opera also
// say "Chrome", Chrome also says "Safari", Android also says "Linux").

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\bChromium\//, 'Chromium'],
  [/(?:Chrome|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
]

const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\b(?:Macintosh|Mac OS X)\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
]

const first = (list: [RegExp, string][], text: string) => list.find(([pattern]) => pattern.test(text))?.[1] ?? null

/** The browser and the operating system a User-Agent header names; null for what it does not tell. */
export function describeUserAgent(userAgent: string | null | undefined): {
  browser: string | null
  system: string | null
} {
  if (!userAgent) return { browser: null, system: null }
  return { browser: first(BROWSERS, userAgent), system: first(SYSTEMS, userAgent) }
}
