import { BackupError } from './format.ts'

const NEWLINE = 0x0a

/** The bytes are not lines of text as a backup has them (a line too long, or the last one unfinished). */
export class LineError extends BackupError {}

/**
 * Splits a stream of bytes into lines (without their '\n'), holding only the line being read.
 * A line longer than `maxBytes` is refused rather than buffered: the file is untrusted, and one
 * row of the portal (a co-edited document's snapshot, hex-encoded) stays far below the limit.
 */
export class LineReader {
  readonly #chunks: AsyncIterator<Buffer>
  #chunk: Buffer = Buffer.alloc(0)
  #offset = 0
  #done = false

  constructor(source: AsyncIterable<Buffer>) {
    this.#chunks = source[Symbol.asyncIterator]()
  }

  /** The next line, or undefined at the end of the stream. A last line without '\n' is an error. */
  async next(maxBytes: number): Promise<Buffer | undefined> {
    // The pieces of a line that spans chunks, joined once its end is found (joining on every
    // chunk would copy a long line over and over).
    const parts: Buffer[] = []
    let length = 0
    for (;;) {
      const newline = this.#chunk.indexOf(NEWLINE, this.#offset)
      const end = newline === -1 ? this.#chunk.length : newline
      if (length + end - this.#offset > maxBytes) {
        throw new LineError(`The backup file has a line longer than ${maxBytes} bytes: it is damaged.`)
      }
      if (newline !== -1) {
        const piece = this.#chunk.subarray(this.#offset, newline)
        this.#offset = newline + 1
        return parts.length === 0 ? piece : Buffer.concat([...parts, piece])
      }
      if (this.#offset < this.#chunk.length) {
        parts.push(this.#chunk.subarray(this.#offset))
        length += this.#chunk.length - this.#offset
      }
      const next = this.#done ? { done: true as const, value: undefined } : await this.#chunks.next()
      if (next.done) {
        this.#done = true
        this.#chunk = Buffer.alloc(0)
        this.#offset = 0
        if (length > 0) throw new LineError('The backup file ends in the middle of a line: it is incomplete.')
        return undefined
      }
      this.#chunk = next.value
      this.#offset = 0
    }
  }
}
