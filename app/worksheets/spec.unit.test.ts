import { expect, it } from 'vitest'
import { KINDS } from '../method/worksheets.ts'

// A form control's name becomes a property of its form (`form.nodeType` is then the control, not
// 1). These are the form properties React's hydration, Remix's submission code and the browser
// read, so a generated control with one of these names breaks the page (hydration error #418).
const FORM_PROPERTIES = [
  'nodeType',
  'nodeName',
  'nodeValue',
  'tagName',
  'localName',
  'namespaceURI',
  'ownerDocument',
  'parentNode',
  'parentElement',
  'childNodes',
  'children',
  'firstChild',
  'lastChild',
  'nextSibling',
  'previousSibling',
  'attributes',
  'getAttribute',
  'setAttribute',
  'removeAttribute',
  'hasAttribute',
  'style',
  'className',
  'classList',
  'textContent',
  'innerHTML',
  'outerHTML',
  'contains',
  'querySelector',
  'querySelectorAll',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'focus',
  'blur',
  'click',
  'elements',
  'length',
  'submit',
  'requestSubmit',
  'reset',
  'checkValidity',
  'reportValidity',
  'action',
  'method',
  'enctype',
  'encoding',
  'acceptCharset',
  'noValidate',
  'autocomplete',
  'id',
  'dataset',
  'hidden',
  'isConnected',
]

it('names no generated form control after a property of the form element', () => {
  const clashes = Object.values(KINDS).flatMap((spec) =>
    spec.fields.filter((f) => FORM_PROPERTIES.includes(f.name)).map((f) => `${spec.kind}.${f.name}`),
  )
  expect(clashes).toEqual([])
})
