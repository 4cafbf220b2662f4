import { type RequestHandler } from 'express'
import { isCrossOriginRequest } from '../utils/origin.server.ts'
import { requestOrigin } from './forwarded.server.ts'

/** Refuses (403) a state-changing request a browser sent from another origin (ADR 005, ADR 032). */
export function crossOriginGuard(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const headers = { origin: req.get('origin'), referer: req.get('referer'), secFetchSite: req.get('sec-fetch-site') }
    if (isCrossOriginRequest(req.method, headers, requestOrigin(req), allowedOrigins)) {
      res.status(403).type('text/plain').send('Cross-origin request refused')
      return
    }
    next()
  }
}
