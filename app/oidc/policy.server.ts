import * as SignInPolicyRepository from '#db/repositories/sign-in-policies.ts'
import { getDb } from '../utils/db.server.ts'
import { oidcSettings } from './settings.server.ts'

/** The part after the last @, lower case; null for something that is not an address. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@')
  if (at < 1 || at === email.length - 1) return null
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase()
}

/**
 * Whether this address may sign in (or reset its password) with a password: false when an
 * administrator requires the organisation's account for its domain (ADR 063). The answer depends on
 * the domain only, never on whether an account exists, so it tells nothing about accounts. While
 * organisation sign-in is not configured the rules are kept but not applied: nobody is locked out.
 */
export async function passwordSignInAllowed(email: string): Promise<boolean> {
  if (!oidcSettings()) return true
  const domain = emailDomain(email)
  if (!domain) return true
  return !(await SignInPolicyRepository.existsForDomain(getDb(), domain))
}
