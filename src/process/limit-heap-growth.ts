import { setFlagsFromString } from 'node:v8'

/**
 * How much V8 may grow the heap at each full collection, in percent of what survived it
 * (docs/benchmarks.md, Memory, compares the values tried).
 */
const HEAP_GROWTH_PERCENT = 50
const FLAG = '--heap-growing-percent'

/**
 * Keeps a long-running process's heap close to its live data. Parsing and batching allocate fast,
 * and V8 answers a high allocation rate by growing the heap several times over at each full
 * collection, so a worker would hold mostly garbage (docs/benchmarks.md, Memory). Unlike
 * --max-old-space-size, which V8 reads only at start, this flag still takes effect once running,
 * and it is no cap: a job that needs more memory gets it. A value given on the node command line wins.
 */
export function limitHeapGrowth(): void {
  if (process.execArgv.some((arg) => arg.startsWith(FLAG))) return
  setFlagsFromString(`${FLAG}=${HEAP_GROWTH_PERCENT}`)
}
