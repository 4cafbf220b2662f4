// What app/server.ts hands every loader and action besides the request.
declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce, for any inline script the response carries. */
    cspNonce?: string
  }
}

export {}
