import { findColumns, type ColumnSpecs } from './formats/header-aliases.js'

/** The start of a table: its header and first rows, enough to tell exports apart. */
export interface TableSample {
  header: readonly string[]
  rows: readonly (readonly string[])[]
}

/** For some columns, whether a value has the shape this export writes there. */
export type ValueShapes<F extends string> = Partial<Record<F, (value: string) => boolean>>

/** A channel's rating of a table sample (see scoreTable). */
export type TableScorer = (sample: TableSample) => number | null

/**
 * How well a table sample matches one export: null when a required column is missing; else one
 * point per field whose column is present, plus, for each shaped column, the share of its
 * non-empty sampled values that have the expected shape (0 to 1).
 */
export function scoreTable<F extends string>(
  sample: TableSample,
  specs: ColumnSpecs<F>,
  shapes: ValueShapes<F>,
): number | null {
  const indexOf = findColumns(sample.header, specs)
  const fields = Object.keys(specs) as F[]
  if (fields.some((field) => specs[field].required && indexOf[field] === undefined)) return null
  let score = fields.filter((field) => indexOf[field] !== undefined).length
  for (const field of fields) {
    const index = indexOf[field]
    const fits = shapes[field]
    if (index === undefined || !fits) continue
    const values = sample.rows.map((row) => (row[index] ?? '').trim()).filter((v) => v !== '')
    if (values.length > 0) score += values.filter(fits).length / values.length
  }
  return score
}
