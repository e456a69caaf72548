import { describe, expect, it } from 'vitest'
import type { AdapterOptions } from '../../src/adapters/adapter.js'
import { FORMAT_SETTINGS } from '../../src/adapters/formats/format-settings.js'
import { CHANNEL_ADAPTERS } from '../../src/adapters/registry.js'
import { CONFIG_KEYS, loadConfig } from '../../src/config.js'
import { CHANNELS } from '../../src/domain/channel.js'
import { adapterOptionsOf, DEFAULT_ADAPTER_OPTIONS } from '../../src/services.js'

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

/** Every AdapterOptions field, kept whole by the type checker (a field added there must be here). */
const OPTION_FIELDS = Object.keys({
  staffDomain: 0,
  consultationInbox: 0,
  reportInbox: 0,
  haiUnit: 0,
  cdrLayout: 0,
  cdrDateOrder: 0,
  xlsxSheet: 0,
  maxRecordBytes: 0,
  xlsxMaxBytes: 0,
  xlsxMaxEntryBytes: 0,
  xlsxMaxRatio: 0,
  xlsxMaxSharedStringsBytes: 0,
} satisfies Record<keyof AdapterOptions, 0>)

describe('adapter options from the configuration', () => {
  const slices = [FORMAT_SETTINGS, ...Object.values(CHANNEL_ADAPTERS).map((a) => a.settings)]

  it('set each option from one configuration key', () => {
    const fields = slices.flatMap((slice) => Object.keys(slice))
    expect(fields).toEqual([...new Set(fields)])
    expect(fields.sort()).toEqual(OPTION_FIELDS.sort())
    for (const key of slices.flatMap((slice) => Object.values(slice))) {
      expect(CONFIG_KEYS).toContain(key)
    }
  })

  it('default to the configuration’s defaults, and follow its settings', () => {
    // Only the settings the schema leaves unset have no value.
    const unset = Object.entries(DEFAULT_ADAPTER_OPTIONS).filter(([, value]) => value === null)
    expect(unset.map(([field]) => field).sort()).toEqual(['cdrLayout', 'xlsxSheet'])
    const config = loadConfig({ HAI_UNIT: 'DJPB', CDR_LAYOUT: 'preset:printer', XLSX_SHEET: '2' })
    expect(adapterOptionsOf(config)).toMatchObject({
      haiUnit: 'DJPB',
      cdrLayout: 'preset:printer',
      xlsxSheet: '2',
    })
  })
})
