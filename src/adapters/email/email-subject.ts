/** Reply and forward prefixes, English and Indonesian (Balas/Bls = reply, Teruskan/Trs = forward). */
const REPLY_PREFIXES = ['re', 'fw', 'fwd', 'bls', 'balas', 'trs']
/** Bracketed tags that mail gateways put in front of a subject. */
const SUBJECT_TAGS = ['external']

// `Re[2]:` and `Re^2:` are how some clients count replies; `RE :` has a stray space.
const PREFIX = new RegExp(
  String.raw`^(?:(?:${REPLY_PREFIXES.join('|')})\s*(?:\[\d+\]|\^\d+)?\s*:|\[(?:${SUBJECT_TAGS.join('|')})\])\s*`,
  'i',
)

/** A subject without its reply/forward prefixes and tags (repeated), whitespace folded. */
export function normalizeSubject(subject: string): string {
  let current = subject.replace(/\s+/g, ' ').trim()
  for (;;) {
    const next = current.replace(PREFIX, '')
    if (next === current) return current
    current = next
  }
}
