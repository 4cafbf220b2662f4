import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import * as UserIdentityRepository from '#db/repositories/user-identities.ts'
import { passwordSignInAllowed } from '../oidc/policy.server.ts'
import { oidcSettings } from '../oidc/settings.server.ts'
import { getDb } from '../utils/db.server.ts'
import { readFormData } from '../utils/request.server.ts'
import { requireUser } from '../utils/session.server.ts'

export async function loader() {
  throw redirect('/account')
}

/** Unlinks the signed-in user's organisation account, unless their email's domain requires it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await readFormData(request)
  if (!oidcSettings()) throw data({ message: 'Not found' }, { status: 404 })
  // The button is not offered then; a post anyway is refused rather than locking the person out.
  if (!(await passwordSignInAllowed(user.email)))
    throw data({ message: 'Your email domain requires the organisation account' }, { status: 409 })
  await UserIdentityRepository.deleteAllForUser(getDb(), user.id)
  throw redirect('/account')
}
