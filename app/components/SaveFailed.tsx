import { useActionData, useNavigation, useSubmit, type FetcherWithComponents } from '@remix-run/react'
import { useCallback, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { isSaveFailure, type SaveFailure } from '../utils/save-failure.ts'

// The message and the retry of a save that failed (see app/utils/save-failure.ts). The form's own
// inputs are uncontrolled and only cleared after a successful save, so they still hold the entry.

interface Submission {
  formData: FormData
  action: string
  method: 'POST'
}

/** Remembers the last submission in flight so that it can be sent again, exactly as it was. */
function useLastSubmission(formData: FormData | undefined, action: string | undefined) {
  const last = useRef<Submission | null>(null)
  useEffect(() => {
    if (formData && action) last.current = { formData, action, method: 'POST' }
  }, [formData, action])
  return last
}

function SaveFailedAlert({
  failure,
  busy,
  retry,
}: {
  failure: SaveFailure['saveFailed']
  busy: boolean
  retry: () => void
}) {
  const { t } = useTranslation('common')
  // Back online: send it again by itself, once (the button is there for a server failure).
  const retryRef = useRef(retry)
  retryRef.current = retry
  useEffect(() => {
    if (failure.reason !== 'offline') return
    const onOnline = () => retryRef.current()
    window.addEventListener('online', onOnline)
    return () => window.removeEventListener('online', onOnline)
  }, [failure.reason])
  return (
    <div className="alert alert--error save-failed" role="alert">
      <p>
        {failure.reason === 'offline'
          ? t('saveFailed.offline')
          : failure.message
            ? t('saveFailed.serverSaid', { message: failure.message })
            : t('saveFailed.server')}
      </p>
      <button type="button" className="button button--small" onClick={retry} disabled={busy}>
        {busy ? t('saveFailed.retrying') : t('saveFailed.retry')}
      </button>
    </div>
  )
}

/** For a form posted by a fetcher: shows the failure of its last save and sends it again on demand. */
export function FetcherSaveFailed({ fetcher }: { fetcher: FetcherWithComponents<unknown> }) {
  const last = useLastSubmission(fetcher.formData, fetcher.formAction)
  const busy = fetcher.state !== 'idle'
  const { submit } = fetcher
  const retry = useCallback(() => {
    if (busy || !last.current) return
    void submit(last.current.formData, { method: 'POST', action: last.current.action })
  }, [busy, submit, last])
  if (!isSaveFailure(fetcher.data)) return null
  return <SaveFailedAlert failure={fetcher.data.saveFailed} busy={busy} retry={retry} />
}

/** For a page's own <Form>: the failure comes back as the action data. */
export function PageSaveFailed() {
  const actionData = useActionData<unknown>()
  const navigation = useNavigation()
  const submitForm = useSubmit()
  const last = useLastSubmission(navigation.formData, navigation.formAction)
  const busy = navigation.state !== 'idle'
  const retry = useCallback(() => {
    if (busy || !last.current) return
    submitForm(last.current.formData, { method: 'POST', action: last.current.action })
  }, [busy, submitForm, last])
  if (!isSaveFailure(actionData)) return null
  return <SaveFailedAlert failure={actionData.saveFailed} busy={busy} retry={retry} />
}
