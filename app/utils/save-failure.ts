// A save that never reached the server (offline) or that the server failed (5xx) must not replace
// the page with the error boundary, or the person loses what they typed (ADR 038). Routes whose
// forms people type into wrap their server action with `keepFormOnFailure` and skip the loaders'
// revalidation after such a failure (it would fail too while offline); the forms then show
// <SaveFailed> with a "Try again" and retry by themselves when the connection returns.
import {
  isRouteErrorResponse,
  type ClientActionFunctionArgs,
  type ClientLoaderFunctionArgs,
  type ShouldRevalidateFunction,
} from '@remix-run/react'

export interface SaveFailure {
  saveFailed: {
    reason: 'offline' | 'server'
    /** The server's own message, when it gave one with its 5xx answer. */
    message: string | null
  }
}

export function isSaveFailure(value: unknown): value is SaveFailure {
  return typeof value === 'object' && value !== null && 'saveFailed' in value
}

function serverMessage(error: unknown): string | null {
  if (!isRouteErrorResponse(error)) return null
  const data: unknown = error.data
  if (typeof data === 'string' && data.trim()) return data.slice(0, 300)
  if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string')
    return data.message.slice(0, 300)
  return null
}

/** Why a submission failed, or null when the failure is an answer the page must handle itself. */
export function describeFailure(error: unknown, online: boolean): SaveFailure | null {
  // Redirects and 4xx answers (forbidden, not found) keep their usual meaning.
  if (error instanceof Response) return null
  if (isRouteErrorResponse(error) && error.status < 500) return null
  if (!online || error instanceof TypeError) return { saveFailed: { reason: 'offline', message: null } }
  return { saveFailed: { reason: 'server', message: serverMessage(error) } }
}

/** The route's `clientAction`: the server action, with network and server failures returned as data. */
export async function keepFormOnFailure({ serverAction }: ClientActionFunctionArgs) {
  return failureAsData(serverAction, (failure) => failure)
}

/** Runs the server call; a network or server failure becomes data, any other answer is thrown as usual. */
async function failureAsData<T, F>(call: () => Promise<T>, asData: (failure: SaveFailure) => F): Promise<T | F> {
  try {
    return await call()
  } catch (error) {
    const failure = describeFailure(error, navigator.onLine)
    if (!failure) throw error
    return asData(failure)
  }
}

/** The route's `shouldRevalidate`: nothing was saved, so there is nothing to reload (and offline, reloading would fail). */
export const skipRevalidationOnFailure: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  isSaveFailure(actionResult) ? false : defaultShouldRevalidate

export interface LoadFailure {
  loadFailed: SaveFailure['saveFailed']
}

export function isLoadFailure(value: unknown): value is LoadFailure {
  return typeof value === 'object' && value !== null && 'loadFailed' in value
}

/**
 * The `clientLoader` of a resource a page loads with a fetcher (a comment thread): a read that
 * failed offline or on a 5xx comes back as data, so the part of the page that asked says so and
 * offers to load again, instead of the error boundary replacing the page and what is typed in it.
 */
export async function keepPageOnLoadFailure({ serverLoader }: ClientLoaderFunctionArgs) {
  return failureAsData(serverLoader, (failure): LoadFailure => ({ loadFailed: failure.saveFailed }))
}
