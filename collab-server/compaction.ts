// When to compact a document: debounced after stored updates, bounded by a maximum wait and a
// maximum number of waiting log rows, and throttled so that compacting a large document (its merge
// and rendering run in a worker thread, but hold a row lock and a core) takes at most ~5 % of the
// time. Compaction itself never throws.
import { type Kysely } from 'kysely'
import { type DB } from '#db/types.ts'
import { type CollabTimings } from './config.ts'
import { errorMessage, type Logger } from '#core/log.server.ts'
import { compactDocument } from './persistence.ts'
import { type Renderer } from './render-pool.ts'

export class CompactionSchedule {
  private running: Promise<void> | null = null
  private timer: NodeJS.Timeout | undefined
  private deadline: number | undefined
  private last = { at: 0, ms: 0 }
  private stopped = false

  constructor(
    private readonly name: string,
    /** Log rows not yet folded into the snapshot. */
    private tailRows: number,
    private readonly deps: { db: Kysely<DB>; log: Logger; timings: CollabTimings; renderer: Renderer },
  ) {
    if (tailRows > 0) this.schedule()
  }

  /** One more row was appended. */
  rowAppended(): void {
    this.tailRows++
    this.schedule()
  }

  private schedule(): void {
    if (this.stopped) return
    const { compactDebounceMs, compactMaxWaitMs, compactMaxTail } = this.deps.timings
    const now = Date.now()
    this.deadline ??= now + compactMaxWaitMs
    const wanted = this.tailRows >= compactMaxTail ? now : Math.min(now + compactDebounceMs, this.deadline)
    const at = Math.max(wanted, this.last.at + this.last.ms * 20)
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.run(), at - now)
  }

  /** Folds the log into the snapshot now (also refreshing the renderings). */
  run(): Promise<void> {
    clearTimeout(this.timer)
    this.deadline = undefined
    this.running ??= (async () => {
      const started = performance.now()
      try {
        const folded = await compactDocument(this.deps.db, this.name, this.deps.log, this.deps.renderer)
        if (folded === null) {
          // Another instance is compacting it; what it did not fold is folded next time round.
          this.deps.log('debug', 'compaction left to another instance', { doc: this.name })
          this.schedule()
          return
        }
        this.tailRows = Math.max(0, this.tailRows - folded)
        this.last = { at: Date.now(), ms: Math.round(performance.now() - started) }
        this.deps.log('debug', 'compacted', { doc: this.name, folded, ms: this.last.ms })
      } catch (error) {
        this.deps.log('warn', 'compaction failed', { doc: this.name, error: errorMessage(error) })
        this.schedule()
      } finally {
        this.running = null
      }
    })()
    return this.running
  }

  /** Stops scheduling; compacts a last time if rows wait. For unloading. */
  async finish(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
    if (this.tailRows > 0) await this.run()
  }
}
