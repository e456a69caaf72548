import { describe, expect, it } from 'vitest'
import { parseAvayaCdr } from '../../../src/adapters/phone/avaya-cdr.js'
import { parseAvayaCms } from '../../../src/adapters/phone/avaya-cms.js'
import { phoneAdapter } from '../../../src/adapters/phone/phone-adapter.js'
import { parsePhone } from '../../../src/adapters/phone/phone.js'
import { runAdapter, runAdapterOn } from '../run-adapter.js'

const CDR_LINE =
  '011221 0912   345 9           0701 150420             081234567890    71001 012 00001041771638324775\n'
const CMS_TEXT =
  'callid,segment,segstart,segstop,ucid,calling_pty,anslogin,disposition\n' +
  '41877,1,1638324430,1638324775,00001041771638324430,081234567890,4001,2\n'

describe('parsePhone', () => {
  it('reads .csv files as CMS call records', async () => {
    expect(await runAdapter(parsePhone, 'phone/sample.csv')).toEqual(
      await runAdapter(parseAvayaCms, 'phone/sample.csv'),
    )
    expect(await runAdapterOn(parsePhone, CMS_TEXT, 'CALLS.CSV')).toEqual(
      await runAdapterOn(parseAvayaCms, CMS_TEXT, 'CALLS.CSV'),
    )
  })

  it('reads .cdr, .txt and other files as CDR records', async () => {
    expect(await runAdapter(parsePhone, 'phone/sample.cdr')).toEqual(
      await runAdapter(parseAvayaCdr, 'phone/sample.cdr'),
    )
    for (const fileName of ['cdr-20211201.txt', 'cm01.log']) {
      const outputs = await runAdapterOn(parsePhone, CDR_LINE, fileName)
      expect(outputs).toEqual(await runAdapterOn(parseAvayaCdr, CDR_LINE, fileName))
      expect(outputs).toMatchObject([
        { kind: 'ticket', event: { sourceTicketId: '00001041771638324775' } },
      ])
    }
  })

  it('names its version', () => {
    expect(phoneAdapter.version).toBe('avaya@2')
  })
})
