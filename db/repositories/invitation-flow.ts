import { withTransaction, type Executor } from '../executor.ts'
import { type GlobalRole } from '../types.ts'
import * as InvitationRepository from './invitations.ts'
import * as UserRepository from './users.ts'

/** Creates the invited account (without a password) and its one-time link, together. */
export function insertInvitedUser(
  db: Executor,
  input: {
    email: string
    name: string
    organisationId: string
    globalRole: GlobalRole
    tokenHash: string
    createdBy: string
    expiresAt: Date
  },
) {
  return withTransaction(db, async (trx) => {
    const user = await UserRepository.insert(trx, {
      email: input.email,
      name: input.name,
      organisationId: input.organisationId,
      globalRole: input.globalRole,
    })
    await InvitationRepository.insert(trx, {
      tokenHash: input.tokenHash,
      userId: user.id,
      createdBy: input.createdBy,
      expiresAt: input.expiresAt,
    })
    return user
  })
}
