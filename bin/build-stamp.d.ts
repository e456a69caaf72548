/** The compiled build's folder. */
export declare const DIST: string
/** The hash of every source the build compiles. */
export declare function hashSources(): string
/** Whether dist/ was compiled from the sources as they are now, from others, or never. */
export declare function buildState(): 'current' | 'stale' | 'missing'
/** True when dist/ was compiled from the sources exactly as they are now. */
export declare function isBuildCurrent(): boolean
export declare function writeStamp(sourceHash: string): void
