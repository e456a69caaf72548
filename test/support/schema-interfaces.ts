import path from 'node:path'
import ts from 'typescript'

/** A column as src/db/schema.ts declares it: its name and whether its type admits null. */
export interface DeclaredColumn {
  name: string
  nullable: boolean
}

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../src/db/schema.ts')

/**
 * The tables of the Kysely `Database` interface (src/db/schema.ts and the reporting schema it
 * extends), as the TypeScript compiler reads them: table key → its columns. A column typed
 * `ColumnType<S, I, U>` is nullable when its select type S admits null.
 */
export function declaredTables(): Map<string, DeclaredColumn[]> {
  const program = ts.createProgram([SCHEMA_FILE], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(SCHEMA_FILE)
  if (!source) throw new Error(`cannot read ${SCHEMA_FILE}`)
  const database = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database',
  )
  if (!database) throw new Error('no Database interface in src/db/schema.ts')
  const tables = new Map<string, DeclaredColumn[]>()
  for (const table of checker.getTypeAtLocation(database).getProperties()) {
    const tableType = checker.getTypeOfSymbolAtLocation(table, database)
    const columns = tableType.getProperties().map((column) => ({
      name: column.name,
      nullable: admitsNull(checker, selectTypeOf(checker, column, database)),
    }))
    tables.set(table.name, columns)
  }
  return tables
}

/** The type a select returns: S of a ColumnType<S, I, U> (Generated is one), else the type. */
function selectTypeOf(checker: ts.TypeChecker, column: ts.Symbol, at: ts.Node): ts.Type {
  const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(column, at))
  const select = type.getProperty('__select__')
  const whole = checker.getTypeOfSymbolAtLocation(column, at)
  if (!select) return whole
  const selected = checker.getTypeOfSymbolAtLocation(select, at)
  // `ColumnType<…> | null`: the union's null counts too.
  return whole.isUnion() && whole.types.some(isNull)
    ? checker.getNullableType(selected, ts.TypeFlags.Null)
    : selected
}

function admitsNull(checker: ts.TypeChecker, type: ts.Type): boolean {
  return isNull(type) || (type.isUnion() && type.types.some(isNull))
}

function isNull(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Null) !== 0
}
