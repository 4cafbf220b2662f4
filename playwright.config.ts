import { defineConfig } from '@playwright/test'
import { chromiumPath } from './app/exports/pdf/chromium-path.ts'

// E2E runs against the production build on its own port and its own fresh database
// (tests/e2e/server.ts), in Debian's Chromium; `npm run test:e2e` builds first.
const port = Number(process.env.E2E_PORT ?? 3100)
const baseURL = `http://localhost:${port}`
const ci = !!process.env.CI
const chromium = { browserName: 'chromium' as const, viewport: { width: 1280, height: 800 } }
// Every spec makes the people and plans it changes (the `factories` fixture of
// tests/playwright-utils.ts, or the portal's own forms) and only reads the demo data, so any two
// specs run at once, in any order (ADR 043 and its addendum).

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  // A minute absorbs a busy machine; journeys that need more set their own (never above 2 minutes).
  timeout: 60_000,
  expect: { timeout: 7_000 },
  forbidOnly: ci,
  retries: 0,
  // Two browsers at a time on the two cores: the server and the database wait as much as they work.
  workers: 2,
  // Tests, not files, are handed out to the workers: a long file no longer leaves one worker alone
  // at the end of the run. Safe because every test makes its own data (ADR 043 addendum).
  fullyParallel: true,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    locale: 'en-GB',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // The headless shell when installed (`.ci/run` installs it): half the CPU of the full build (ADR 050).
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: chromium }],
  webServer: {
    command: 'tsx tests/e2e/server.ts',
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(port), E2E_COLLAB_PORT: String(port + 1) },
    // A developer may keep one running between runs (E2E_REUSE_SERVER=1); CI always starts fresh.
    reuseExistingServer: !ci && process.env.E2E_REUSE_SERVER === '1',
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
})
