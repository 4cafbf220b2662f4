import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { hashPassword } from '#app/utils/crypto.server.ts'
import { createDb } from '#db/client.ts'
import { DEMO_PASSWORD, DEMO_USERS } from './accounts.ts'
import { isEmpty, seedDemo } from './demo.ts'

/** Loads the demo data into an empty database; returns false when the database already has data. */
export async function seedIfEmpty(url: string): Promise<boolean> {
  const db = createDb(url, { max: 2 })
  try {
    if (!(await isEmpty(db))) return false
    await seedDemo(db, await hashPassword(DEMO_PASSWORD))
    return true
  } finally {
    await db.destroy()
  }
}

export function demoAccountsText(): string {
  const rows = DEMO_USERS.filter((u) => u.listed).map((u) => `  ${u.email.padEnd(26)} ${u.description}`)
  return [`Demo accounts (password: ${DEMO_PASSWORD}):`, ...rows].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.error('DATABASE_URL is not set')
    process.exit(1)
  }
  seedIfEmpty(url).then(
    (seeded) => {
      console.log(
        seeded ? `Demo data loaded.\n${demoAccountsText()}` : 'The database already has data; nothing was loaded.',
      )
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
