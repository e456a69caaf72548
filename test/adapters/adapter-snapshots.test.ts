import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { describe, expect, it } from 'vitest'
import { adapterFor } from '../../src/adapters/registry.js'
import { CHANNELS, type Channel } from '../../src/domain/channel.js'
import { compareSnapshots, snapshotChannel, type AdapterSnapshot } from './adapter-snapshot.js'

/**
 * Each channel's output over its fixtures is kept in snapshots/<channel>/<adapter version>.json.
 * Output that changes while the version stays fails: the version is stored on every ticket so
 * that facts can be re-derived after an adapter fix, and a silent change would break that.
 * With UPDATE_ADAPTER_SNAPSHOTS=1 a new version's snapshot is written (replacing the old
 * version's) and added, removed or edited fixtures are taken into the current one; an existing
 * fixture's changed output never is.
 */
const UPDATE = process.env.UPDATE_ADAPTER_SNAPSHOTS === '1'
const HOW_TO_UPDATE =
  'UPDATE_ADAPTER_SNAPSHOTS=1 npx vitest run test/adapters/adapter-snapshots.test.ts'

const snapshotFolder = (channel: Channel): string =>
  fileURLToPath(new URL(`snapshots/${channel}/`, import.meta.url))

async function writeSnapshot(path: string, snapshot: AdapterSnapshot): Promise<void> {
  const options = await resolveConfig(path)
  writeFileSync(path, await format(JSON.stringify(snapshot), { ...options, filepath: path }))
}

describe('adapter output snapshots, keyed by adapter version', () => {
  it.each(CHANNELS)(
    '%s: the output over its fixtures is its version’s snapshot',
    async (channel) => {
      const { parse, version } = adapterFor(channel)
      const folder = snapshotFolder(channel)
      const path = `${folder}${version}.json`
      const actual = await snapshotChannel(channel, parse)
      if (!existsSync(path)) {
        if (!UPDATE) {
          expect.fail(
            `no snapshot of ${channel} adapter ${version}: write it with ${HOW_TO_UPDATE}`,
          )
        }
        mkdirSync(folder, { recursive: true })
        for (const old of readdirSync(folder)) rmSync(`${folder}${old}`)
        await writeSnapshot(path, actual)
        return
      }
      const stored = JSON.parse(readFileSync(path, 'utf8')) as AdapterSnapshot
      const { changedOutput, changedFixtures, withFixtureChanges } = compareSnapshots(
        stored,
        actual,
      )
      const changed = (snapshot: AdapterSnapshot) =>
        Object.fromEntries(changedOutput.map((name) => [name, snapshot[name]]))
      expect(
        changed(actual),
        `the ${channel} adapter's output changed while its version stayed ${version}: ` +
          `bump the version in its registry entry, then write the new snapshot with ${HOW_TO_UPDATE}`,
      ).toEqual(changed(stored))
      if (changedFixtures.length === 0) return
      if (!UPDATE) {
        expect.fail(
          `fixtures of ${channel} changed since the snapshot (${changedFixtures.join(', ')}): ` +
            `take them in with ${HOW_TO_UPDATE}`,
        )
      }
      await writeSnapshot(path, withFixtureChanges)
    },
  )
})
