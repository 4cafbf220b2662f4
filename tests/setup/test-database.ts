// What global-setup.ts (main process) and setup-env.ts (every test file) share about the test
// databases. A module of its own: importing global-setup.ts would load the embedded server, the
// migrations and the Kysely client into every test file for two names.

export const TEMPLATE_DB = 'scp_test_template'

export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
