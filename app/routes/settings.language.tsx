import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import * as UserRepository from '#db/repositories/users.ts'
import { localeCookie } from '../i18n/i18next.server.ts'
import { getDb } from '../utils/db.server.ts'
import { LOCALES } from '#core/vocabulary.ts'
import { getSessionUser, safeRedirect } from '../utils/session.server.ts'
import { z } from '../utils/validation.ts'
import { readFormData } from '../utils/request.server.ts'

const schema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().max(2000).optional() })

export async function loader() {
  throw redirect('/plans')
}

/** Switches the interface language; remembered in a cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  // parseWithZod keeps repeated fields as arrays, so `locale=fr&locale=es` is refused, not guessed.
  const parsed = parseWithZod(await readFormData(request), { schema })
  if (parsed.status !== 'success') return data({ errors: { locale: ['validation.invalidChoice'] } }, { status: 400 })
  const user = await getSessionUser(request)
  if (user) await UserRepository.updateLocale(getDb(), user.id, parsed.value.locale)
  throw redirect(safeRedirect(parsed.value.redirectTo, user ? '/plans' : '/login'), {
    headers: { 'Set-Cookie': await localeCookie.serialize(parsed.value.locale) },
  })
}
