import type { AdapterContext } from '../../src/adapters/adapter.js'
import { defaultDateWindow } from '../../src/config.js'
import { DEFAULT_ADAPTER_OPTIONS } from '../../src/services.js'

/** A context with the default settings, for tests that name only what they vary. */
export function defaultAdapterContext(
  fields: Pick<AdapterContext, 'fileName' | 'customerKey' | 'segmentMap'> & Partial<AdapterContext>,
): AdapterContext {
  return {
    options: DEFAULT_ADAPTER_OPTIONS,
    dateWindow: defaultDateWindow(new Date()),
    note: () => undefined,
    ...fields,
  }
}
