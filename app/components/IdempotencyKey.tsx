import { useActionData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { IDEMPOTENCY_FIELD, newIdempotencyKey } from '../utils/idempotency.ts'
import { isSaveFailure } from '../utils/save-failure.ts'

/**
 * The hidden key of the entry a create form is holding (ADR 039). It is made when the form is
 * shown and stays while the entry is sent and sent again after a failure, so the server saves a
 * resent entry once. Once the server has answered this form, a new key is made: after a success
 * the next entry is a new one; after a refusal nothing was kept with the old key anyway.
 *
 * `answer` is this form's latest answer, and undefined while it is being sent: a new object that
 * is not a save failure is a server answer. The key is made after hydration (a random value in
 * the server's HTML would not match the browser's); a form posted before that has no key.
 */
export function IdempotencyKey({ answer }: { answer: unknown }) {
  const [key, setKey] = useState<string | null>(null)
  const seen = useRef(answer)
  useEffect(() => setKey(newIdempotencyKey()), [])
  useEffect(() => {
    if (answer === seen.current) return
    seen.current = answer
    if (answer !== undefined && answer !== null && !isSaveFailure(answer)) setKey(newIdempotencyKey())
  }, [answer])
  return key ? <input type="hidden" name={IDEMPOTENCY_FIELD} value={key} /> : null
}

/** The key of a form posted as the page's own navigation (its answer is the action data). */
export function PageIdempotencyKey() {
  const actionData = useActionData<unknown>()
  const navigation = useNavigation()
  return <IdempotencyKey answer={navigation.state === 'idle' ? actionData : undefined} />
}
