// The reference server for the benchmark: @y/websocket-server 0.1.1 as shipped (in memory, no
// persistence, no auth). Started by run.ts as a child process on 127.0.0.1.
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

const port = Number(process.env.PORT)
const server = createServer((req, res) => {
  if (req.url?.split('?')[0] === '/stats') res.end(JSON.stringify({ memory: process.memoryUsage() }))
  else res.writeHead(404).end()
})
const wss = new WebSocketServer({ noServer: true })
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) =>
    setupWSConnection(ws, req, { docName: (req.url ?? '/').slice(1).split('?')[0] }),
  )
})
server.listen(port, '127.0.0.1', () => process.stdout.write('reference listening\n'))
process.on('SIGTERM', () => process.exit(0))
