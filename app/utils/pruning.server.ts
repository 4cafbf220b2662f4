import { type Executor } from '#db/executor.ts'
import { repeatEvery, reportFailure } from './periodic.server.ts'
import * as IdempotencyKeyRepository from '#db/repositories/idempotency-keys.ts'
import * as LoginAttemptRepository from '#db/repositories/login-attempts.ts'
import * as SessionRepository from '#db/repositories/sessions.ts'
import * as SignInChallengeRepository from '#db/repositories/sign-in-challenges.ts'
import { KEY_RETENTION_HOURS } from './idempotency.server.ts'
import { KNOWN_ADDRESS_DAYS, LOGIN_WINDOW_SECONDS } from './login.server.ts'
import { SESSION_IDLE_SECONDS } from './session.server.ts'

// Sign-in attempts, sessions and the answers kept for resent form entries would otherwise pile up
// for ever. Only rows that no rule can read any more are deleted, so pruning never changes who is
// throttled or who is signed in; a form entry resent after its key's retention (ADR 039) would be
// saved as new.
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000

/** Deletes stale sign-in attempts, dead sessions, expired entry keys and second steps; returns how many of each went. */
export async function pruneStaleRecords(db: Executor) {
  const loginAttempts = await LoginAttemptRepository.deleteStale(db, {
    failureSeconds: LOGIN_WINDOW_SECONDS,
    successDays: KNOWN_ADDRESS_DAYS,
  })
  const sessions = await SessionRepository.deleteExpired(db, SESSION_IDLE_SECONDS)
  const idempotencyKeys = await IdempotencyKeyRepository.deleteOlderThan(db, KEY_RETENTION_HOURS)
  const signInChallenges = await SignInChallengeRepository.deleteExpired(db)
  return { loginAttempts, sessions, idempotencyKeys, signInChallenges }
}

/**
 * Prunes now and then every `intervalMs`, one run at a time; a failed run (database away) is
 * reported and retried at the next tick. The timer does not keep the process alive. Returns a
 * function that stops it and resolves once a run in progress has finished.
 */
export function schedulePruning(
  db: Executor,
  { intervalMs = PRUNE_INTERVAL_MS, onError = reportFailure('pruning failed') } = {},
) {
  return repeatEvery(intervalMs, () => pruneStaleRecords(db), onError)
}
