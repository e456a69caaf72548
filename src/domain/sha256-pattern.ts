/** A SHA-256 digest as dering names content: 64 lowercase hex digits (a spool entry, a job id). */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/
