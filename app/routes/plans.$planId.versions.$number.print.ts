import { type LoaderFunctionArgs } from '@remix-run/node'
import { parseVersion, printPage, requirePlanExport } from '../exports/export-pages.server.tsx'

/** The printable plan as approved in version :number (its frozen snapshot). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { plan, user } = await requirePlanExport(request, params.planId)
  return printPage(request, plan.id, user, parseVersion(params.number) ?? -1, context.cspNonce)
}
