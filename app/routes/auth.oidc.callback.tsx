import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import * as SessionRepository from '#db/repositories/sessions.ts'
import { clearFlowCookieHeader } from '../oidc/flow-cookie.server.ts'
import { oidcSettings } from '../oidc/settings.server.ts'
import { finishSignIn, REFUSALS } from '../oidc/sign-in.server.ts'
import { SignInProblem } from '../oidc/SignInProblem.tsx'
import { sha256 } from '../utils/crypto.server.ts'
import { getDb } from '../utils/db.server.ts'
import { clientIp } from '../utils/request.server.ts'
import { completeSignIn, readSessionId } from '../utils/session.server.ts'

export const handle = { i18n: ['common', 'oidc'] }

// The provider's redirect back (a top-level GET, so the SameSite=Lax flow cookie comes along). The
// one GET that writes: it signs in (ADR 063). Only `code`, `state` and `iss` of the query are read,
// and only checked against the flow cookie; nothing else the query says is trusted.
export async function loader({ request }: LoaderFunctionArgs) {
  const settings = oidcSettings()
  if (!settings) throw data({ message: 'Not found' }, { status: 404 })
  const url = new URL(request.url)
  if (url.search.length > 4096) throw data({ message: 'Bad request' }, { status: 400 })
  const ip = clientIp(request)
  const outcome = await finishSignIn(request, settings, ip)
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  headers.append('Set-Cookie', await clearFlowCookieHeader(request))
  if (outcome.status !== 'ok') return data({ reason: outcome.reason }, { status: REFUSALS[outcome.reason], headers })
  // Whatever session this browser carried before ends here: the new one always gets a fresh id.
  const previous = await readSessionId(request)
  if (previous) await SessionRepository.deleteByIdHash(getDb(), sha256(previous))
  // The one place a sign-in with the organisation's account ends: a session, or the portal's own second step for someone with two-factor on: the portal cannot
  // tell what the provider checked (ADR 064).
  return completeSignIn(request, outcome.userId, ip, outcome.redirectTo, headers)
}

export default function OrganisationSignInCallback() {
  const { reason } = useLoaderData<typeof loader>()
  return <SignInProblem reason={reason} />
}
