import { describe, expect, it } from 'vitest'
import { CHANNEL_ADAPTERS } from '../../src/adapters/registry.js'
import { CHANNELS } from '../../src/domain/channel.js'

describe('the adapter registry', () => {
  it('has one entry per channel, each with a version and a way to be detected', () => {
    expect(Object.keys(CHANNEL_ADAPTERS)).toEqual([...CHANNELS])
    for (const { version, detect } of Object.values(CHANNEL_ADAPTERS)) {
      expect(version).toMatch(/^[a-z_-]+@\d+$/)
      expect(
        (detect.extensions?.length ?? 0) > 0 || detect.scoreTable || detect.recognizeText,
      ).toBeTruthy()
    }
  })

  it('names each extension for one channel only', () => {
    const extensions = Object.values(CHANNEL_ADAPTERS).flatMap((a) => a.detect.extensions ?? [])
    expect(extensions).toEqual([...new Set(extensions)])
    for (const extension of extensions) expect(extension).toMatch(/^\.[a-z0-9]+$/)
  })
})
