import { type LoaderFunctionArgs } from '@remix-run/node'
import { pdfDownload, requirePlanExport } from '../exports/export-pages.server.tsx'

/** The plan as a tagged PDF with bookmarks, printed by headless Chromium on the server (ADR 023). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan, user } = await requirePlanExport(request, params.planId)
  return pdfDownload(request, plan.id, user)
}
