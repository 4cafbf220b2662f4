import http from 'node:http'
import { type AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ServerBuild } from '@remix-run/node'
import express from 'express'
import { createServer as createViteServer } from 'vite'
import { mountRemix } from '#app/utils/web-app.server.ts'

// The portal behind a real HTTP server, for tests that must go through the same request chain as
// production: the body limits, then Remix. The build comes from Vite's SSR loader with the project's
// own vite.config.ts (as `npm run dev` does), so its route manifest is the one the app serves.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface Portal {
  url: string
  build: ServerBuild
  close: () => Promise<void>
}

export async function startPortal(): Promise<Portal> {
  const vite = await createViteServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    appType: 'custom',
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, watch: null },
  })
  const build = (await vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild
  const app = express()
  app.disable('x-powered-by')
  mountRemix(app, build, 'production')
  const server = http.createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    build,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await vite.close()
    },
  }
}
