import { mkdtempSync } from 'node:fs'
import { realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scanInbox } from '../../src/jobs/scan-inbox.js'
import { useTestServices } from '../support/services.js'

const inbox = mkdtempSync(path.join(tmpdir(), 'dering-inbox-root-'))

/** An operator drops an export into the inbox itself instead of its channel folder. */
describe('files in the inbox root', () => {
  const t = useTestServices({ INBOX_DIR: inbox, LOG_LEVEL: 'error' })
  afterAll(() => rm(inbox, { recursive: true, force: true }))

  it('are left alone and reported with where to move them; partial and hidden names are not', async () => {
    await writeFile(path.join(inbox, 'whatsapp-2021-12.csv'), 'Ticket ID;Channel\n1;WhatsApp\n')
    await writeFile(path.join(inbox, 'upload.csv.part'), 'partial')
    await writeFile(path.join(inbox, '.DS_Store'), '')
    const result = await scanInbox(t.services)
    expect(result.refused).toEqual([
      {
        path: path.join(await realpath(inbox), 'whatsapp-2021-12.csv'),
        reason: expect.stringMatching(
          /^in the inbox root, where no channel is named: move it into a channel folder \(whatsapp\/, phone\//,
        ),
      },
    ])
    expect(result.queued).toEqual([])
  })
})
