// Keeping frames above the collab-server's limit from ever being sent. Isomorphic.
//
// A Yjs update, once made, cannot be withdrawn: later edits build on it, and every reconnect resends
// it in the SyncStep2 reply. So a frame above the limit would be refused on every reconnect; instead
// it is never sent, the socket is closed with the server's own code, and the session stops there.
import { CLOSE_CODES } from '#core/collab/contract.ts'
import { formatNumber } from '../utils/locales.ts'

type SendData = Parameters<WebSocket['send']>[0]

function byteLength(data: SendData): number {
  if (typeof data === 'string') return new TextEncoder().encode(data).byteLength
  if (data instanceof Blob) return data.size
  return data.byteLength
}

/**
 * A WebSocket class whose `send` refuses frames above `maxBytes` and reports them once. `split` may
 * offer smaller frames that carry the same (the edits made offline, see split-sync.ts); they are
 * sent instead when every one of them fits.
 */
export function sizeGuardedWebSocket(
  Base: typeof WebSocket,
  maxBytes: number,
  onOversize: (bytes: number) => void,
  split: (frame: Uint8Array) => Uint8Array[] | null = () => null,
): typeof WebSocket {
  return class SizeGuardedWebSocket extends Base {
    override send(data: SendData): void {
      const bytes = byteLength(data)
      if (bytes <= maxBytes) return super.send(data)
      const parts = data instanceof Uint8Array ? split(data) : null
      if (parts && parts.every((part) => part.byteLength <= maxBytes)) {
        for (const part of parts) super.send(part)
        return
      }
      onOversize(bytes)
      if (this.readyState === this.OPEN || this.readyState === this.CONNECTING)
        this.close(CLOSE_CODES.messageTooLarge, 'message too large')
    }
  }
}

/** Lexical + Yjs add structure to pasted text: about 300 bytes per paragraph (measured), so 400. */
const BYTES_PER_LINE = 400

/**
 * A conservative estimate of the Yjs update a paste of `text` produces, so that an oversized paste
 * can be refused before it enters the document (refusing it afterwards would end the session).
 */
export function estimatePasteBytes(text: string): number {
  let lines = 1
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++
  return new TextEncoder().encode(text).byteLength + lines * BYTES_PER_LINE
}

/** Formats a byte count for people: "1.4 MB", "850 KB". */
export function formatBytes(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024)
  if (mb >= 1) return `${formatNumber(mb, locale, { maximumFractionDigits: 1 })} MB`
  return `${formatNumber(Math.max(1, bytes / 1024), locale, { maximumFractionDigits: 0 })} KB`
}
