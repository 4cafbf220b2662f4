import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import * as SessionRepository from '#db/repositories/sessions.ts'
import { sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { destroySessionCookie, readSessionId } from '../utils/session.server.ts'

export async function loader() {
  throw redirect('/plans')
}

export async function action({ request }: ActionFunctionArgs) {
  const id = await readSessionId(request)
  if (id) await SessionRepository.deleteByIdHash(getDb(), sha256(id))
  throw redirect('/login', { headers: { 'Set-Cookie': await destroySessionCookie(request) } })
}
