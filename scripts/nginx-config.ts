// `npm run deploy:nginx -- --web 10.0.0.1:3000,10.0.0.2:3000 --collab 10.0.0.1:3001,… --server-name
// portal.example.org --certificate /etc/ssl/… --certificate-key /etc/ssl/…` renders
// deploy/nginx/scp-portal.conf.template for one site. The cluster test renders it the same way,
// so the configuration that is tested is the one that is shipped.
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const TEMPLATE = path.join(root, 'deploy/nginx/scp-portal.conf.template')

export interface NginxSite {
  web: string[]
  collab: string[]
  serverName: string
  /** `443`, or `127.0.0.1:8443` */
  httpsListen: string
  httpListen: string
  certificate: string
  certificateKey: string
}

const ADDRESS = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/
const LISTEN = /^(?:(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):)?\d{1,5}$/
const SERVER_NAME = /^[A-Za-z0-9.*_-]+(?: [A-Za-z0-9.*_-]+)*$/
// A path ends up inside an nginx directive: nothing that could close it or start another.
const FILE_PATH = /^\/[^\s;{}'"#$\\]+$/

/** Throws a message naming the first value nginx could misread. */
function check(site: NginxSite): void {
  const problems: string[] = []
  if (site.web.length === 0) problems.push('--web needs at least one host:port')
  if (site.collab.length === 0) problems.push('--collab needs at least one host:port')
  for (const address of [...site.web, ...site.collab])
    if (!ADDRESS.test(address)) problems.push(`not a host:port: ${JSON.stringify(address)}`)
  for (const listen of [site.httpsListen, site.httpListen])
    if (!LISTEN.test(listen)) problems.push(`not a port or address:port to listen on: ${JSON.stringify(listen)}`)
  if (!SERVER_NAME.test(site.serverName)) problems.push(`not a server name: ${JSON.stringify(site.serverName)}`)
  for (const file of [site.certificate, site.certificateKey])
    if (!FILE_PATH.test(file)) problems.push(`not an absolute file path nginx can take: ${JSON.stringify(file)}`)
  if (problems.length > 0) throw new Error(problems.join('\n'))
}

/** The port part of a listen value, as it appears after the host in a URL ('' for 443). */
function portSuffix(listen: string): string {
  const port = listen.slice(listen.lastIndexOf(':') + 1)
  return port === '443' ? '' : `:${port}`
}

export function renderNginxConfig(site: NginxSite, template = readFileSync(TEMPLATE, 'utf8')): string {
  check(site)
  const values: Record<string, string> = {
    WEB_SERVERS: site.web.map((a) => `    server ${a} max_fails=1 fail_timeout=5s;`).join('\n'),
    COLLAB_SERVERS: site.collab.map((a) => `    server ${a} max_fails=1 fail_timeout=5s;`).join('\n'),
    SERVER_NAME: site.serverName,
    HTTPS_LISTEN: site.httpsListen,
    HTTP_LISTEN: site.httpListen,
    HTTPS_PORT_SUFFIX: portSuffix(site.httpsListen),
    TLS_CERTIFICATE: site.certificate,
    TLS_CERTIFICATE_KEY: site.certificateKey,
  }
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`the template names an unknown value {{${name}}}`)
    return value
  })
}

async function main() {
  const { values } = parseArgs({
    options: {
      web: { type: 'string' },
      collab: { type: 'string' },
      'server-name': { type: 'string', default: '_' },
      'https-listen': { type: 'string', default: '443' },
      'http-listen': { type: 'string', default: '80' },
      certificate: { type: 'string' },
      'certificate-key': { type: 'string' },
      out: { type: 'string' },
    },
  })
  const list = (v: string | undefined) => (v ?? '').split(',').filter(Boolean)
  const text = renderNginxConfig({
    web: list(values.web),
    collab: list(values.collab),
    serverName: values['server-name'],
    httpsListen: values['https-listen'],
    httpListen: values['http-listen'],
    certificate: values.certificate ?? '',
    certificateKey: values['certificate-key'] ?? '',
  })
  if (values.out) await writeFile(values.out, text)
  else process.stdout.write(text)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`deploy:nginx: ${error instanceof Error ? error.message : String(error)}`)
    console.error('usage: npm run deploy:nginx -- --web host:port,… --collab host:port,… --server-name name \\')
    console.error('         --certificate /path/cert.pem --certificate-key /path/key.pem [--out file]')
    process.exit(1)
  })
}
