// Runs npm scripts at the same time and fails if any of them fails: `npm test` checks types and
// lint together because each of the two leaves a core idle for much of its run (tsc is mostly one
// thread; Prettier, ESLint and the schema check take turns). Output is buffered per script and
// printed whole when it ends, so two scripts' lines never interleave.
import { spawn } from 'node:child_process'

const scripts = process.argv.slice(2)
if (scripts.length === 0) {
  console.error('usage: tsx scripts/run-together.ts <npm script> [<npm script> ...]')
  process.exit(2)
}

function run(script: string): Promise<{ script: string; code: number; output: string; seconds: number }> {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('close', (code, signal) =>
      resolve({
        script,
        // A script killed by a signal has no exit code; it failed all the same.
        code: code ?? (signal ? 1 : 0),
        output: Buffer.concat(chunks).toString(),
        seconds: (Date.now() - started) / 1000,
      }),
    )
  })
}

const results = await Promise.all(
  scripts.map((script) =>
    run(script).then((result) => {
      const verdict = result.code === 0 ? 'passed' : `failed (exit ${result.code})`
      process.stdout.write(`${result.output}[${result.script}] ${verdict} in ${result.seconds.toFixed(0)} s\n`)
      return result
    }),
  ),
)
process.exit(results.some((r) => r.code !== 0) ? 1 : 0)
