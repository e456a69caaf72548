/** Formats an instant as Jakarta wall time, the time operators read. */
export function formatWib(date: Date | null): string {
  if (!date) return ''
  return `${date.toLocaleString('sv-SE', { timeZone: 'Asia/Jakarta' }).slice(0, 16)} WIB`
}
