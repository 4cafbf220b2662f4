// Authenticates a WebSocket upgrade: the signed token from the URL, then the database (the user is
// still active and their plan role still grants at least the token's mode).
import { type Kysely } from 'kysely'
import { type AccessMode } from '#core/vocabulary.ts'
import { CLOSE_CODES, SAVED_PARAM, parseDocName, type DocRef } from '#core/collab/contract.ts'
import { verifyCollabToken } from '#core/collab/token.server.ts'
import { documentMode } from '#core/permissions.ts'
import * as MemberRepository from '#db/repositories/members.ts'
import * as PlanRepository from '#db/repositories/plans.ts'
import * as UserRepository from '#db/repositories/users.ts'
import { type DB } from '#db/types.ts'

export type Mode = AccessMode

export interface Principal {
  userId: string
  name: string
  organisation: string
  docName: string
  ref: DocRef
  mode: Mode
  /** When the token that opened (or last refreshed) the connection expires, in ms since the epoch. */
  expiresAt: number
}

export type AuthResult =
  { ok: true; principal: Principal; wantsAck: boolean } | { ok: false; code: number; reason: string }

const RANK: Record<Mode, number> = { ro: 1, rw: 2 }

/** Whether `granted` allows everything `wanted` does. */
export function modeCovers(granted: Mode | null, wanted: Mode): boolean {
  return granted !== null && RANK[granted] >= RANK[wanted]
}

/** Splits `/<docName>?token=…` without ever keeping the URL around. */
export function parseUpgradeUrl(rawUrl: string | undefined): {
  docName: string
  token: string | null
  wantsAck: boolean
} {
  const url = new URL(rawUrl ?? '/', 'http://collab.invalid')
  let docName = ''
  try {
    docName = decodeURIComponent(url.pathname.slice(1))
  } catch {
    // A malformed escape is simply not one of our document names.
  }
  return {
    docName,
    token: url.searchParams.get('token'),
    wantsAck: url.searchParams.get(SAVED_PARAM) === '1',
  }
}

/**
 * The document mode the database grants the user now, or null (inactive user, no access, no such
 * plan). The plan's status counts: outside draft its documents are read-only to everyone.
 */
export async function currentMode(db: Kysely<DB>, userId: string, planId: string): Promise<Mode | null> {
  const user = await UserRepository.findActiveById(db, userId)
  if (!user) return null
  const [role, plan] = await Promise.all([
    MemberRepository.findRole(db, planId, userId),
    PlanRepository.findById(db, planId),
  ])
  if (!plan) return null
  return documentMode({ id: user.id, globalRole: user.global_role }, role, plan.status)
}

/**
 * Checks a token sent on an open connection to extend it: the close code when it cannot, else the
 * new expiry. Membership changes are handled by revocation, so the database is not read again.
 */
export function checkRefresh(
  principal: Principal,
  token: string,
  secret: string,
  now = Date.now(),
): { ok: true; expiresAt: number } | { ok: false; code: number } {
  const claims = verifyCollabToken(token, secret, now)
  if (!claims || claims.sub !== principal.userId || claims.doc !== principal.docName)
    return { ok: false, code: CLOSE_CODES.unauthorized }
  if (claims.mode !== principal.mode) return { ok: false, code: CLOSE_CODES.permissionChanged }
  return { ok: true, expiresAt: claims.exp * 1000 }
}

/** Checks token and database; the failure carries the close code to send. */
export async function authenticate(
  db: Kysely<DB>,
  rawUrl: string | undefined,
  secret: string,
  now = Date.now(),
): Promise<AuthResult> {
  const { docName, token, wantsAck } = parseUpgradeUrl(rawUrl)
  const ref = parseDocName(docName)
  if (!ref) return { ok: false, code: CLOSE_CODES.documentNotFound, reason: 'unknown document' }
  const claims = verifyCollabToken(token, secret, now)
  if (!claims) return { ok: false, code: CLOSE_CODES.unauthorized, reason: 'invalid or expired token' }
  if (claims.doc !== docName) return { ok: false, code: CLOSE_CODES.unauthorized, reason: 'token for another document' }
  const user = await UserRepository.findActiveById(db, claims.sub)
  if (!user) return { ok: false, code: CLOSE_CODES.forbidden, reason: 'inactive user' }
  const [role, plan] = await Promise.all([
    MemberRepository.findRole(db, ref.planId, user.id),
    PlanRepository.findById(db, ref.planId),
  ])
  const granted = plan ? documentMode({ id: user.id, globalRole: user.global_role }, role, plan.status) : null
  if (!modeCovers(granted, claims.mode)) return { ok: false, code: CLOSE_CODES.forbidden, reason: 'no longer allowed' }
  return {
    ok: true,
    wantsAck,
    principal: {
      userId: user.id,
      name: user.name,
      organisation: user.organisation_acronym ?? user.organisation_name,
      docName,
      ref,
      mode: claims.mode,
      expiresAt: claims.exp * 1000,
    },
  }
}
