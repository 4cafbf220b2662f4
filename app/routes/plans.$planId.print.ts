import { type LoaderFunctionArgs } from '@remix-run/node'
import { printPage, requirePlanExport } from '../exports/export-pages.server.tsx'

/** The printable plan: a standalone page in the plan's working language (see app/exports/print). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { plan, user } = await requirePlanExport(request, params.planId)
  return printPage(request, plan.id, user, undefined, context.cspNonce)
}
