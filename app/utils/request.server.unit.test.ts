import { describe, expect, it } from 'vitest'
import { FORM_FIELD_LIMITS } from './form-limits.ts'
import { readFormData } from './request.server.ts'

// readFormData is the one way actions read a form: these limits hold even when an action is called
// without the web server's middleware in front (ADR 031).

const urlencoded = (body: string) =>
  new Request('http://localhost/x', {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  })

async function refusal(request: Request): Promise<{ status: number; text: string }> {
  try {
    await readFormData(request)
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() }
    throw thrown
  }
  throw new Error('the form was accepted')
}

describe('readFormData', () => {
  it('reads an ordinary form, and no body as an empty form', async () => {
    const form = await readFormData(urlencoded('email=a%40b.c&links[2].target=x'))
    expect([...form.entries()]).toEqual([
      ['email', 'a@b.c'],
      ['links[2].target', 'x'],
    ])
    expect([...(await readFormData(new Request('http://localhost/x', { method: 'POST' }))).keys()]).toEqual([])
  })

  it.each([
    ['JSON', 'application/json', '{"a":1}'],
    ['plain text', 'text/plain', 'a=1'],
    ['octet-stream', 'application/octet-stream', 'a=1'],
  ])('refuses %s with 415', async (_label, type, body) => {
    expect(
      (await refusal(new Request('http://localhost/x', { method: 'POST', body, headers: { 'Content-Type': type } })))
        .status,
    ).toBe(415)
  })

  it('refuses a body without Content-Type with 415', async () => {
    expect((await refusal(new Request('http://localhost/x', { method: 'POST', body: new Blob(['a=1']) }))).status).toBe(
      415,
    )
  })

  it('refuses broken multipart with 400', async () => {
    const request = new Request('http://localhost/x', {
      method: 'POST',
      body: '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterminated',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
    })
    expect(await refusal(request)).toEqual({ status: 400, text: 'Malformed form body' })
  })

  it('accepts the largest array index and refuses the next one, without echoing the name', async () => {
    await expect(readFormData(urlencoded(`x[${FORM_FIELD_LIMITS.arrayIndex}]=1`))).resolves.toBeInstanceOf(FormData)
    const refused = await refusal(urlencoded(`email=a@b.c&password=x&x[${FORM_FIELD_LIMITS.arrayIndex + 1}]=1`))
    expect(refused).toEqual({ status: 400, text: `Form field index too large (limit ${FORM_FIELD_LIMITS.arrayIndex})` })
    expect((await refusal(urlencoded('email=a@b.c&password=x&x[99999999]=1'))).status).toBe(400)
  })

  it('refuses too many fields, too long or too deep names and prototype keys', async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=1`).join('&')
    await expect(readFormData(urlencoded(fields(FORM_FIELD_LIMITS.fields)))).resolves.toBeInstanceOf(FormData)
    expect((await refusal(urlencoded(fields(FORM_FIELD_LIMITS.fields + 1)))).text).toMatch(/^Too many form fields/)

    await expect(readFormData(urlencoded(`${'n'.repeat(FORM_FIELD_LIMITS.nameLength)}=1`))).resolves.toBeInstanceOf(
      FormData,
    )
    expect((await refusal(urlencoded(`${'n'.repeat(FORM_FIELD_LIMITS.nameLength + 1)}=1`))).text).toMatch(
      /^Form field name too long/,
    )

    const nested = (depth: number) => `a${'.b'.repeat(depth - 1)}=1`
    await expect(readFormData(urlencoded(nested(FORM_FIELD_LIMITS.nameSegments)))).resolves.toBeInstanceOf(FormData)
    expect((await refusal(urlencoded(nested(FORM_FIELD_LIMITS.nameSegments + 1)))).text).toMatch(
      /^Form field name nested too deeply/,
    )
    expect((await refusal(urlencoded(`x${'[a]'.repeat(50_000)}=1`))).status).toBe(400)

    for (const name of ['__proto__[polluted]', 'constructor.prototype.x', 'a[__proto__]']) {
      expect(await refusal(urlencoded(`${encodeURIComponent(name)}=1`))).toEqual({
        status: 400,
        text: 'Form field name not allowed',
      })
    }
  })
})
