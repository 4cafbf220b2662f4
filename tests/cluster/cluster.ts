// The portal as an operator runs it on several servers, all on loopback: one PostgreSQL, two web
// processes, three collab-server instances and nginx in front with TLS, configured from the shipped
// template (deploy/nginx, rendered by scripts/nginx-config.ts). Used by `npm run test:cluster`.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from '#db/embedded.ts'
import { createDb } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { renderNginxConfig } from '../../scripts/nginx-config.ts'
import { request } from './https.ts'

const run = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((p) => existsSync(p))

export interface Member {
  name: string
  port: number
  process: ChildProcess
  /** Resolves when the process has exited. */
  exited: Promise<void>
}

export interface Cluster {
  databaseUrl: string
  collabSecret: string
  /** https://127.0.0.1:<port>, through nginx. */
  origin: string
  certificate: string
  web: Member[]
  collab: Member[]
  /** The rendered nginx configuration (for messages when something fails). */
  nginxConfig: string
  stop(): Promise<void>
}

async function waitForHealth(url: string, member: Member, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void member.exited.then(() => (exited = true))
  for (;;) {
    if (exited) throw new Error(`${member.name} exited before it was ready`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${member.name} not ready after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, port: number): Member {
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', process.env.CLUSTER_DEBUG ? 'inherit' : 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => {
    if (child.exitCode && child.exitCode !== 0) console.error(`[cluster] ${name} exited ${child.exitCode}:\n${stderr}`)
  })
  return { name, port, process: child, exited }
}

async function stopMember(member: Member): Promise<void> {
  if (member.process.exitCode !== null || member.process.signalCode !== null) return
  const timer = setTimeout(() => member.process.kill('SIGKILL'), 8_000)
  member.process.kill('SIGTERM')
  await member.exited
  clearTimeout(timer)
}

export async function startCluster(): Promise<Cluster> {
  if (!NGINX) throw new Error('nginx is not installed (Debian: apt-get install nginx); .ci/run installs it')
  if (!existsSync(path.join(root, 'build/server/index.js'))) throw new Error('no production build: run `npm run build`')
  const dir = await mkdtemp(path.join(tmpdir(), 'scp-cluster-'))
  const members: Member[] = []
  let database: EmbeddedDatabase | undefined
  const stop = async () => {
    await Promise.all(members.map(stopMember))
    await database?.stop()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    database = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres') })
    const db = createDb(database.url, { max: 1 })
    await migrateToLatest(db)
    await db.destroy()

    const certificate = path.join(dir, 'cert.pem')
    const certificateKey = path.join(dir, 'key.pem')
    await run('openssl', [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
      ...['-keyout', certificateKey, '-out', certificate, '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    ])
    const ports = await Promise.all(Array.from({ length: 7 }, () => findFreePort()))
    const [httpsPort, httpPort] = [ports.pop()!, ports.pop()!]
    const origin = `https://127.0.0.1:${httpsPort}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      COLLAB_SECRET: randomBytes(32).toString('hex'),
      TRUST_PROXY: 'loopback',
      COLLAB_EXPOSE_STATS: '1',
      COLLAB_IDLE_UNLOAD_MS: '60000',
    }
    const tsx = [process.execPath, '--import', 'tsx'] as const
    const web = ports
      .slice(0, 2)
      .map((port, i) =>
        start(`web ${i + 1}`, tsx[0], [...tsx.slice(1), 'app/server.ts'], { ...env, PORT: String(port) }, port),
      )
    const collab = ports
      .slice(2, 5)
      .map((port, i) =>
        start(
          `collab-server ${i + 1}`,
          tsx[0],
          [...tsx.slice(1), 'collab-server/index.ts'],
          { ...env, COLLAB_PORT: String(port) },
          port,
        ),
      )
    members.push(...web, ...collab)
    await Promise.all([...web, ...collab].map((m) => waitForHealth(`http://127.0.0.1:${m.port}/healthz`, m)))

    const nginxConfig = renderNginxConfig({
      web: web.map((m) => `127.0.0.1:${m.port}`),
      collab: collab.map((m) => `127.0.0.1:${m.port}`),
      serverName: '127.0.0.1 localhost',
      httpsListen: `127.0.0.1:${httpsPort}`,
      httpListen: `127.0.0.1:${httpPort}`,
      certificate,
      certificateKey,
    })
    await writeFile(path.join(dir, 'scp-portal.conf'), nginxConfig)
    // The process-level frame around the shipped site configuration, as a distribution's
    // /etc/nginx/nginx.conf provides it.
    const main = [
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      'daemon off;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  access_log ${dir}/access.log;`,
      `  client_body_temp_path ${dir}/client-body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  include ${dir}/scp-portal.conf;`,
      '}',
    ].join('\n')
    await writeFile(path.join(dir, 'nginx.conf'), main)
    const nginxArgs = ['-p', dir, '-c', path.join(dir, 'nginx.conf')]
    await run(NGINX, ['-t', '-q', ...nginxArgs]).catch((error: { stderr?: string }) => {
      throw new Error(`nginx refused the configuration:\n${error.stderr ?? ''}\n${nginxConfig}`)
    })
    const nginx = start('nginx', NGINX, nginxArgs, env, httpsPort)
    members.push(nginx)
    await waitForTls(origin, certificate, nginx)
    return {
      databaseUrl: database.url,
      collabSecret: env.COLLAB_SECRET!,
      origin,
      certificate,
      web,
      collab,
      nginxConfig,
      stop,
    }
  } catch (error) {
    const log = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '')
    if (log) console.error(`[cluster] nginx error log:\n${log}`)
    await stop()
    throw error
  }
}

async function waitForTls(origin: string, certificate: string, nginx: Member): Promise<void> {
  const ca = await readFile(certificate)
  const deadline = Date.now() + 20_000
  for (;;) {
    try {
      if ((await request(origin, '/healthz', { ca })).status === 200) return
    } catch (error) {
      if (nginx.process.exitCode !== null || Date.now() > deadline) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
