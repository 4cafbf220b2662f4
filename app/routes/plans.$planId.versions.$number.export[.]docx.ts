import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { docxDownload } from '../exports/docx-download.server.ts'
import { getDb } from '../utils/db.server.ts'
import { requirePlanAccess } from '../utils/plan-access.server.ts'

/** An approved version of the plan, frozen, as a Word document in the plan's working language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { plan } = await requirePlanAccess(request, params.planId, 'plan:read')
  if (!params.number || !/^\d{1,6}$/.test(params.number)) throw data({ message: 'Not found' }, { status: 404 })
  return docxDownload(getDb(), plan.id, Number(params.number))
}
