// The registry of loaded rooms: one load per document at a time, and a document that is being
// unloaded is loaded afresh only once its unload has finished (compaction included).
import { type DocRef } from '#core/collab/contract.ts'
import { Room, type RoomDeps } from './documents.ts'
import { loadDocument } from './persistence.ts'

export class Rooms {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()

  // What every room needs; the rooms themselves say when they unload.
  constructor(private readonly deps: Omit<RoomDeps, 'onUnloaded'>) {}

  /** The loaded room of a document, reserved for one joining connection. Throws if loading fails. */
  async acquire(name: string, ref: DocRef): Promise<Room> {
    for (;;) {
      const room = this.rooms.get(name)
      if (room && !room.closing) {
        room.reserve()
        return room
      }
      if (room) {
        await room.unloaded
        continue
      }
      let loading = this.loading.get(name)
      if (!loading) {
        loading = this.load(name, ref)
        this.loading.set(name, loading)
        const forget = () => this.loading.delete(name)
        loading.then(forget, forget)
      }
      await loading
    }
  }

  private async load(name: string, ref: DocRef): Promise<Room> {
    const started = performance.now()
    this.deps.log('debug', 'loading document', { doc: name })
    const { doc, tailRows } = await loadDocument(this.deps.db, name, ref, this.deps.log)
    const room = new Room(name, doc, tailRows, {
      ...this.deps,
      onUnloaded: (r) => {
        if (this.rooms.get(name) === r) this.rooms.delete(name)
      },
    })
    this.rooms.set(name, room)
    this.deps.log('info', 'document loaded', { doc: name, tailRows, ms: Math.round(performance.now() - started) })
    return room
  }

  /** Whether the document is loaded (and not unloading) or being loaded. */
  isOpen(name: string): boolean {
    const room = this.rooms.get(name)
    return (room !== undefined && !room.closing) || this.loading.has(name)
  }

  /** The document's room once any load in progress has finished; undefined if it is not open. */
  async whenOpen(name: string): Promise<Room | undefined> {
    const loading = this.loading.get(name)
    if (loading) await loading.catch(() => undefined)
    const room = this.rooms.get(name)
    return room && !room.closing ? room : undefined
  }

  /** The loaded room of a document, if any and not unloading. */
  get(name: string): Room | undefined {
    const room = this.rooms.get(name)
    return room && !room.closing ? room : undefined
  }

  has(name: string): boolean {
    return this.rooms.has(name)
  }

  get size(): number {
    return this.rooms.size
  }

  all(): Room[] {
    return [...this.rooms.values()]
  }
}
