import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPORT_2021 } from '../report/published-figures.js'
import { useTestDatabase } from '../support/database.js'
import { figuresOf2021Publication, writeRollups } from '../support/report-rollups.js'

const DOC = readFileSync(new URL('../../docs/reporting.md', import.meta.url), 'utf8')

/** The statements of the "Example SQL" section, each with the comment line above it. */
function exampleStatements(): { title: string; text: string }[] {
  const section = DOC.split(/^## Example SQL$/m)[1]?.split(/^## /m)[0] ?? ''
  const block = /```sql\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
  return block
    .split(/;\s*$/m)
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .map((text) => ({ title: /^-- (.*)$/m.exec(text)?.[1] ?? text.slice(0, 60), text }))
}

/** An analyst's read: the transaction is rolled back, the role only lives inside it. */
class Rollback extends Error {}

describe('the example SQL of docs/reporting.md, run as dering_analyst on the 2021 figures', () => {
  const t = useTestDatabase()
  beforeAll(async () => {
    await writeRollups(t.db, figuresOf2021Publication(), '2021-12')
  })

  async function asAnalyst(text: string): Promise<Record<string, unknown>[]> {
    let rows: Record<string, unknown>[] = []
    await t.db
      .transaction()
      .execute(async (trx) => {
        await sql`set local role dering_analyst`.execute(trx)
        rows = (await sql.raw<Record<string, unknown>>(text).execute(trx)).rows
        throw new Rollback()
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error
      })
    return rows
  }

  const statements = exampleStatements()

  it('finds the eight examples', () => {
    expect(statements).toHaveLength(8)
  })

  it.each(statements)('$title', async ({ text }) => {
    expect((await asAnalyst(text)).length).toBeGreaterThan(0)
  })

  it("gives December 2021's channels with the published shares and changes", async () => {
    const december = statements.find((s) => s.title.startsWith('December 2021 per channel'))
    const rows = await asAnalyst(december!.text)
    const dec = REPORT_2021.consultations.by_channel['2021-12']
    expect(
      rows.map((r) => [r.label, r.consultations, r.share_pct, r.change_vs_previous_month_pct]),
    ).toEqual([
      ['WhatsApp', dec.whatsapp, 71.89, 25.04],
      ['Telepon', dec.phone, 10.56, 44.19],
      ['Email', dec.email, 12.95, 29.91],
      ['Hai Kemenkeu', dec.hai_kemenkeu, 3.58, 90.91],
      ['Live Chat', dec.livechat, 1.02, -14.29],
    ])
  })
})
