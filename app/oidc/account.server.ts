import * as UserIdentityRepository from '#db/repositories/user-identities.ts'
import { getDb } from '../utils/db.server.ts'
import { passwordSignInAllowed } from './policy.server.ts'
import { oidcSettings } from './settings.server.ts'

/**
 * What the account page shows about the organisation account: the provider's name, the link if
 * any, and whether the email's domain requires it. Null when organisation sign-in is not configured.
 */
export async function organisationAccountOf(user: { id: string; email: string }) {
  const settings = oidcSettings()
  if (!settings) return null
  const [link] = await UserIdentityRepository.findByUser(getDb(), user.id)
  return {
    name: settings.name,
    link: link ? { email: link.email, createdAt: link.created_at, lastUsedAt: link.last_used_at } : null,
    required: !(await passwordSignInAllowed(user.email)),
  }
}
export type OrganisationAccount = NonNullable<Awaited<ReturnType<typeof organisationAccountOf>>>
