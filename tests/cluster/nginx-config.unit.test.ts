import { describe, expect, it } from 'vitest'
import { renderNginxConfig, type NginxSite } from '../../scripts/nginx-config.ts'

const site: NginxSite = {
  web: ['10.0.0.1:3000', '10.0.0.2:3000'],
  collab: ['10.0.0.1:3001', '[fd00::3]:3001'],
  serverName: 'portal.example.org',
  httpsListen: '443',
  httpListen: '80',
  certificate: '/etc/ssl/portal/fullchain.pem',
  certificateKey: '/etc/ssl/portal/privkey.pem',
}

describe('npm run deploy:nginx', () => {
  it('fills in every value of the template and lists each upstream server', () => {
    const text = renderNginxConfig(site)
    expect(text).not.toMatch(/\{\{/)
    expect(text).toContain('server 10.0.0.2:3000 max_fails=1 fail_timeout=5s;')
    expect(text).toContain('server [fd00::3]:3001 max_fails=1 fail_timeout=5s;')
    expect(text).toContain('hash $scp_collab_document consistent;')
    expect(text).toContain('return 301 https://$host$request_uri;')
    expect(text).toContain('ssl_certificate /etc/ssl/portal/fullchain.pem;')
  })

  it('keeps a port other than 443 in the redirect to HTTPS', () => {
    expect(renderNginxConfig({ ...site, httpsListen: '127.0.0.1:8443' })).toContain(
      'return 301 https://$host:8443$request_uri;',
    )
  })

  it('refuses values that would change the meaning of the configuration', () => {
    expect(() => renderNginxConfig({ ...site, serverName: 'x; include /etc/passwd' })).toThrow(/server name/)
    expect(() => renderNginxConfig({ ...site, certificate: '/etc/ssl/a.pem; user root' })).toThrow(/file path/)
    expect(() => renderNginxConfig({ ...site, web: ['10.0.0.1:3000 backup'] })).toThrow(/host:port/)
    expect(() => renderNginxConfig({ ...site, collab: [] })).toThrow(/--collab/)
    expect(() => renderNginxConfig({ ...site, certificate: 'relative.pem' })).toThrow(/absolute/)
  })

  it('refuses a template that names a value it does not know', () => {
    expect(() => renderNginxConfig(site, 'listen {{NOPE}};')).toThrow(/NOPE/)
  })
})
