import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce of this response (app/http/security-headers.server.ts), handed
// from entry.server.tsx to the document so Remix's inline scripts carry it. In the browser it is
// empty: browsers hide nonce attributes from scripts, and nothing is rendered there that needs it.
const NonceContext = createContext('')

export const NonceProvider = NonceContext.Provider

export function useNonce(): string {
  return useContext(NonceContext)
}
