import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const BIN = new URL('../../bin/', import.meta.url).pathname

/**
 * bin/dering.js runs dist/ only while it was compiled from the sources as they are: a copy of
 * bin/ next to sources of its own, without a build, with a stale one and with a current one.
 */
describe('bin/dering.js', () => {
  let root: string
  const dering = () =>
    run(process.execPath, [path.join(root, 'bin/dering.js'), '--version']).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
  const writeStamp = async () => {
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `import { hashSources } from ${JSON.stringify(path.join(root, 'bin/build-stamp.js'))}; process.stdout.write(hashSources())`,
    ])
    await writeFile(path.join(root, 'dist/source-hash'), stdout)
  }

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dering-bin-'))
    await mkdir(path.join(root, 'bin'))
    for (const name of ['dering.js', 'build-stamp.js']) {
      await copyFile(path.join(BIN, name), path.join(root, 'bin', name))
    }
    await writeFile(path.join(root, 'package.json'), '{"type":"module"}')
    for (const folder of ['src', 'workers', 'db']) await mkdir(path.join(root, folder))
    await writeFile(path.join(root, 'src/main.ts'), 'export {}\n')
    await writeFile(path.join(root, 'tsconfig.json'), '{}')
    await writeFile(path.join(root, 'tsconfig.build.json'), '{}')
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('asks for npm run build when dist/ is missing', async () => {
    const result = await dering()
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'dering: the compiled build (dist/) is missing: run npm run build (or npm run dev -- <command> to run the TypeScript)\n',
    )
  })

  it('asks for npm run build when the sources changed since the build, and runs a current one', async () => {
    await mkdir(path.join(root, 'dist/src/cli'), { recursive: true })
    await writeFile(path.join(root, 'dist/src/cli/main.js'), 'console.log("compiled cli")\n')
    await writeStamp()
    expect(await dering()).toMatchObject({ code: 0, stdout: 'compiled cli\n' })

    await writeFile(path.join(root, 'src/main.ts'), 'export const edited = true\n')
    const stale = await dering()
    expect(stale.code).toBe(2)
    expect(stale.stderr).toMatch(/dist\/\) is older than the sources: run npm run build/)
    expect(stale.stdout).toBe('')
  })

  it('passes over links among the sources, such as an editor lock file pointing nowhere', async () => {
    await writeStamp()
    await symlink('/nonexistent/lock', path.join(root, 'src/.#main.ts'))
    expect(await dering()).toMatchObject({ code: 0, stdout: 'compiled cli\n' })
  })
})
