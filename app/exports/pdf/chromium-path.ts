// Which Chromium prints the PDFs (and drives the e2e tests): CHROMIUM_PATH if set, otherwise the
// first of Debian's two headless-capable builds that is installed. The old headless shell
// (`chromium-headless-shell`) comes first: it is the same Blink without the browser's own user
// interface, which the full build's headless mode still renders in a renderer of its own; on the
// e2e suite it halves Chromium's CPU time (ADR 050). Read on every call, not cached with the rest
// of the environment, so that tests and operators can point it elsewhere.
import { accessSync, constants } from 'node:fs'

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'] as const

/** Whether `path` is an executable file. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** CHROMIUM_PATH, else the first installed candidate, else the full build's path (reported as missing). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || CHROMIUM_CANDIDATES.find(isExecutable) || CHROMIUM_CANDIDATES[1]
}
