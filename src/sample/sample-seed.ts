/**
 * The seed of `dering sample` and `dering demo` when none is given. Imports nothing, so that
 * registering those commands loads no generator code.
 */
export const DEFAULT_SAMPLE_SEED = 20_211_231
