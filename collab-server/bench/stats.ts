// Reading the servers' GET /stats during the benchmark: our collab-server's (COLLAB_EXPOSE_STATS=1)
// and the reference server's (memory only).

export interface Stats {
  memory: NodeJS.MemoryUsage
  eventLoopDelayMs?: { p50: number; p99: number; max: number }
  rooms?: number
  writeLatencyMs?: { count: number; p50: number | null; p99: number | null }
  commitLatencyMs?: { count: number; p50: number | null; p99: number | null }
}

/** `reset` clears the server's latency figures after reading; `gc` forces a full collection first (--expose-gc). */
export async function statsOf(port: number, options: { reset?: boolean; gc?: boolean } = {}): Promise<Stats> {
  const query = options.reset ? '?reset=1' : options.gc ? '?gc=1' : ''
  const res = await fetch(`http://127.0.0.1:${port}/stats${query}`)
  return (await res.json()) as Stats
}

/** Our server's own receive→broadcast latency (commit included) and event-loop delay since the last call. */
export async function serverSide(port: number): Promise<string> {
  const { writeLatencyMs: w, commitLatencyMs: c, eventLoopDelayMs: d } = await statsOf(port, { reset: true })
  const loop = d ? `; server event-loop delay p99 ${d.p99.toFixed(1)} ms max ${d.max.toFixed(1)} ms` : ''
  const commits = c?.count ? `; INSERT+commit p50 ${c.p50} ms p99 ${c.p99} ms (${c.count})` : ''
  return w
    ? `; server-side receive→broadcast p50 ${w.p50} ms p99 ${w.p99} ms (${w.count} updates)${commits}${loop}`
    : ''
}

export async function memoryOf(port: number) {
  const { memory } = await statsOf(port)
  return { rssMb: Math.round(memory.rss / 2 ** 20), heapMb: Math.round(memory.heapUsed / 2 ** 20) }
}

/** Our server reports its loaded rooms; waits until none is (the reference keeps docs in memory). */
export async function noRoomLoaded(port: number) {
  const deadline = Date.now() + 30_000
  for (;;) {
    const { rooms } = await statsOf(port)
    if (!rooms || Date.now() > deadline) return
    await new Promise((r) => setTimeout(r, 50))
  }
}
