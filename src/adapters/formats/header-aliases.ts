import { UnreadableFileError } from '../../errors.js'

interface ColumnSpec {
  /** Header spellings seen in real exports; matched by normalizeHeader(). */
  aliases: readonly string[]
  required?: boolean
}

export type ColumnSpecs<F extends string> = Readonly<Record<F, ColumnSpec>>

/** Case-insensitive, ignoring spaces, `_`, `-` and `.` (formats/README.md, Headers). */
function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_.-]/g, '')
}

/**
 * Resolves each field to its column in this header, the first alias present winning.
 * A missing required column makes the file unreadable, naming the column and its aliases.
 */
export function resolveColumns<F extends string>(
  header: readonly string[],
  specs: ColumnSpecs<F>,
  fileName: string,
): (cells: readonly string[]) => Record<F, string> {
  const indexOf = findColumns(header, specs)
  for (const field of Object.keys(specs) as F[]) {
    const spec = specs[field]
    if (indexOf[field] === undefined && spec.required) {
      const [first, ...others] = spec.aliases
      const also = others.length > 0 ? ` (also accepted: ${others.join(', ')})` : ''
      throw new UnreadableFileError(fileName, `missing required column "${first}"${also}`)
    }
  }
  const columns = (Object.keys(specs) as F[]).map((field) => [field, indexOf[field]] as const)
  return (cells) => {
    const fields = {} as Record<F, string>
    for (const [field, index] of columns) {
      fields[field] = index === undefined ? '' : (cells[index] ?? '').trim()
    }
    return fields
  }
}

/** Each field's column in this header (the first alias present winning), undefined when absent. */
export function findColumns<F extends string>(
  header: readonly string[],
  specs: ColumnSpecs<F>,
): Record<F, number | undefined> {
  const positions = new Map(header.map((name, index) => [normalizeHeader(name), index] as const))
  const indexOf = {} as Record<F, number | undefined>
  for (const field of Object.keys(specs) as F[]) {
    indexOf[field] = specs[field].aliases
      .map((alias) => positions.get(normalizeHeader(alias)))
      .find((i) => i !== undefined)
  }
  return indexOf
}
