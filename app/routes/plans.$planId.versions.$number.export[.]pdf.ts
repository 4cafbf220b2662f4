import { type LoaderFunctionArgs } from '@remix-run/node'
import { parseVersion, pdfDownload, requirePlanExport } from '../exports/export-pages.server.tsx'

/** An approved version of the plan as a tagged PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, user } = await requirePlanExport(request, params.planId)
  return pdfDownload(request, plan.id, user, parseVersion(params.number) ?? -1)
}
