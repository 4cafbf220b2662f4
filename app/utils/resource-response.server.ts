// Resource routes must answer with real Responses: under single fetch Remix drops the headers of
// a returned `data()` and the body of a thrown one. These helpers keep status, body and headers.

/** What Remix's `data()` returns (and routes throw): a body with its status and headers. */
export interface DataWithInit {
  type: 'DataWithResponseInit'
  data: unknown
  init: ResponseInit | null
}

export function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit'
}

/** Runs a guard (such as requirePlanAccess); a thrown `data()` becomes a JSON Response with `headers`. */
export async function asResourceGuard<T>(guard: () => Promise<T>, headers: HeadersInit = {}): Promise<T> {
  try {
    return await guard()
  } catch (error) {
    if (isDataWithInit(error)) {
      const merged = new Headers(error.init?.headers)
      new Headers(headers).forEach((value, key) => merged.set(key, value))
      throw Response.json(error.data, { status: error.init?.status ?? 500, headers: merged })
    }
    throw error
  }
}

/**
 * Runs a resource route's action and answers with a real Response: a returned `data(body, init)`
 * keeps its status (Remix would send a bare 200 with the wrapper as JSON to a plain form post),
 * a plain object is a 200, and a thrown `data()` keeps its body as well as its status.
 */
export async function asResourceResponse(handler: () => Promise<unknown>): Promise<Response> {
  const result = await asResourceGuard(handler)
  if (result instanceof Response) return result
  if (isDataWithInit(result)) return Response.json(result.data, result.init ?? undefined)
  return Response.json(result)
}
