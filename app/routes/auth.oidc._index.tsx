import { data, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { oidcSettings } from '../oidc/settings.server.ts'
import { startSignIn } from '../oidc/sign-in.server.ts'
import { SignInProblem } from '../oidc/SignInProblem.tsx'
import { requireAnonymous } from '../utils/session.server.ts'

export const handle = { i18n: ['common', 'oidc'] }

// A link, not a form: the answer is a redirect to the provider, which the CSP's `form-action
// 'self'` would block after a form post. Starting a flow writes nothing but its own cookie (ADR 063).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  const settings = oidcSettings()
  if (!settings) throw data({ message: 'Not found' }, { status: 404 })
  const redirectTo = new URL(request.url).searchParams.get('redirectTo')
  const start = await startSignIn(request, settings, redirectTo && redirectTo.length <= 2000 ? redirectTo : null)
  if (start.status !== 'ok') return data({ reason: start.reason }, { status: 503 })
  throw redirect(start.url, { headers: { 'Set-Cookie': start.cookie, 'Cache-Control': 'no-store' } })
}

export default function StartOrganisationSignIn() {
  const { reason } = useLoaderData<typeof loader>()
  return <SignInProblem reason={reason} />
}
