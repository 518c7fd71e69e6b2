import { describe, expect, it } from 'vitest'
import { RemoteKeys } from '../../src/run-view/remote-keys.ts'

describe('RemoteKeys', () => {
  it('asks once for the keys not known, with the generated tokens of those requests only, and keeps what failed', () => {
    const asked: unknown[][] = []
    let answers = 0
    const remote = new RemoteKeys(
      (...args) => void asked.push(args),
      () => void (answers += 1),
    )
    expect(remote.keysAt('P', 7, [4, 1, 0], [0, 7, 3])).toEqual([undefined, undefined, undefined])
    expect(remote.keysAt('P', 7, [4, 1, 0], [0, 7, 3])).toEqual([undefined, undefined, undefined])
    expect(asked).toEqual([['P', 7, [4, 1, 0], [0, 7, 3]]])
    remote.answer('P', 7, [4, 1], [0.2, null], 'policy P, line 2: Error: no')
    expect(answers).toBe(1)
    expect(remote.errorAt('P', 7)).toBe('policy P, line 2: Error: no')
    expect(remote.errorAt('P', 8)).toBeUndefined()
    // Only request 0 is missing now: asked alone, with its own g.
    expect(remote.keysAt('P', 7, [4, 1, 0], [0, 7, 3])).toEqual([0.2, null, undefined])
    expect(asked.at(-1)).toEqual(['P', 7, [0], [3]])
    // A job run's question carries no generated tokens.
    remote.keysAt('P', 9, [2])
    expect(asked.at(-1)).toEqual(['P', 9, [2]])
  })

  it('forgets the oldest steps, their errors included', () => {
    const remote = new RemoteKeys(
      () => {},
      () => {},
      2,
    )
    remote.answer('P', 1, [0], [null], 'first')
    remote.answer('P', 2, [0], [1])
    remote.answer('P', 3, [0], [1])
    expect(remote.errorAt('P', 1)).toBeUndefined()
    expect(remote.keysAt('P', 1, [0])).toEqual([undefined])
  })
})
