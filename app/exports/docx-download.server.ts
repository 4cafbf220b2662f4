import { data } from '@remix-run/node'
import { type Db } from '#db/client.ts'
import { getFixedT } from '../i18n/i18next.server.ts'
import { attachmentDisposition } from './content-disposition.ts'
import { planDocumentToDocx } from './docx.server.ts'
import { buildPlanDocument } from './plan-document.server.ts'

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/**
 * The plan (or one of its approved versions) as a Word download, in the plan's working language.
 * Callers check read access first; an unknown plan or version is a 404.
 */
export async function docxDownload(db: Db, planId: string, version?: number): Promise<Response> {
  const doc = await buildPlanDocument(db, planId, version === undefined ? {} : { version })
  if (!doc) throw data({ message: 'Not found' }, { status: 404 })
  const t = await getFixedT(doc.lang, 'docx')
  const body = await planDocumentToDocx(doc)
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': DOCX_CONTENT_TYPE,
      'Content-Disposition': attachmentDisposition({
        title: doc.title,
        suffix: doc.version ? `-v${doc.version}` : '',
        extension: 'docx',
        fallback: t('docx:fallbackFilename'),
      }),
      'Content-Length': String(body.byteLength),
      // A plan is private to its team: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
    },
  })
}
