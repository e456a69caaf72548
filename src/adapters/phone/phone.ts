import type { Adapter } from '../adapter.js'
import { parseAvayaCdr } from './avaya-cdr.js'
import { parseAvayaCms } from './avaya-cms.js'

/**
 * The phone channel (formats/phone.md): `.csv` files are CMS call records, anything else
 * (`.cdr`, `.txt`, a collector's own extension) is Communication Manager CDR text.
 */
export const parsePhone: Adapter = (input, ctx) =>
  ctx.fileName.toLowerCase().endsWith('.csv')
    ? parseAvayaCms(input, ctx)
    : parseAvayaCdr(input, ctx)
