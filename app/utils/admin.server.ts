import { data } from '@remix-run/node'
import { canGlobally, type GlobalAction } from '#core/permissions.ts'
import { toActor } from './plan-access.server.ts'
import { requireUser } from './session.server.ts'

/** The guard for portal-wide pages: the signed-in user if they hold `action`, else 403. */
export async function requireGlobalPermission(request: Request, action: GlobalAction) {
  const user = await requireUser(request)
  if (!canGlobally(toActor(user), action)) throw data({ message: 'Forbidden' }, { status: 403 })
  return user
}
