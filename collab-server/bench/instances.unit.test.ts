// `--instances=N` of npm run bench:collab: one instance unless asked, and a clear refusal of
// anything that is not a sensible count (rather than a run that starts NaN servers).
import { describe, expect, it } from 'vitest'
import { instancesArgument } from './instances.ts'

describe('instancesArgument', () => {
  it('is 1 without the flag and the given count with it', () => {
    expect(instancesArgument(['--quick', '--only=fifty'])).toBe(1)
    expect(instancesArgument(['--instances=3'])).toBe(3)
  })

  it.each(['--instances=', '--instances=0', '--instances=2.5', '--instances=three', '--instances=17'])(
    'refuses %s',
    (arg) => {
      expect(() => instancesArgument([arg])).toThrow(/expected a whole number from 1 to 16/)
    },
  )
})
