// The reference server for the benchmark: @y/websocket-server 0.1.1 as shipped (in memory, no
// persistence, no auth). Started by run.ts as a child process on 127.0.0.1.
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

const port = Number(process.env.PORT)
const server = createServer((req, res) => {
  const [path, query] = (req.url ?? '').split('?')
  if (path !== '/stats') return res.writeHead(404).end()
  // ?gc=1 (run.ts starts it with --expose-gc): memory after a full collection, as for our server.
  if (new URLSearchParams(query).get('gc') === '1') globalThis.gc?.()
  res.end(JSON.stringify({ memory: process.memoryUsage() }))
})
const wss = new WebSocketServer({ noServer: true })
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) =>
    setupWSConnection(ws, req, { docName: (req.url ?? '/').slice(1).split('?')[0] }),
  )
})
server.listen(port, '127.0.0.1', () => process.stdout.write('reference listening\n'))
process.on('SIGTERM', () => process.exit(0))
