import { type ServerBuild } from '@remix-run/node'
import { type Express } from 'express'
import { remixHandler } from './remix-handler.server.ts'
import { requestLimits } from './request-limits.server.ts'

/**
 * Mounts what every request for a page, loader or action passes, in order: the body limits
 * (ADR 031), then Remix. app/server.ts calls it after its headers and origin check; the hostile-input
 * suite calls it on a bare express app, so it tests the same chain.
 */
export function mountRemix(app: Express, build: ServerBuild | (() => Promise<ServerBuild>), mode: string) {
  app.use(requestLimits())
  app.all('*', remixHandler(build, mode))
}
