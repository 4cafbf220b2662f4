// Structured logs, one JSON object a line. Callers pass explicit fields; request URLs, query
// strings and tokens are never passed (the token travels in the URL), so they cannot leak here.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, string | number | boolean | null | undefined>
export type Logger = (level: LogLevel, event: string, fields?: LogFields) => void

/** Writes JSON lines to stdout/stderr; `debug` only when enabled. */
export function createLogger(options: { debug?: boolean } = {}): Logger {
  return (level, event, fields = {}) => {
    if (level === 'debug' && !options.debug) return
    const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields })
    if (level === 'error' || level === 'warn') process.stderr.write(line + '\n')
    else process.stdout.write(line + '\n')
  }
}

export const silentLogger: Logger = () => {}

/** The message of an unknown thrown value, without stack or request data. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
