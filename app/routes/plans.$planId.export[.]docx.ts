import { type LoaderFunctionArgs } from '@remix-run/node'
import { docxDownload } from '../exports/docx-download.server.ts'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'

/** The plan as it stands, as a Word document in its working language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'plan:read')
  return docxDownload(getDb(), plan.id)
}
