/** Numbers as an Indonesian reader expects them: 11.786 and 28,45%. */
const INTEGER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 })
const PERCENT = new Intl.NumberFormat('id-ID', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})

/** Shown where a percentage has no base (0 or missing). */
const NO_VALUE = '–'

export function formatCount(value: number): string {
  return INTEGER.format(value)
}

export function formatPercent(value: number | null): string {
  return value == null ? NO_VALUE : `${PERCENT.format(value)}%`
}

/** A change with its sign: +28,45%, -14,29%. */
export function formatChange(value: number | null): string {
  if (value == null) return NO_VALUE
  return `${value > 0 ? '+' : ''}${formatPercent(value)}`
}

/** Seconds as h:mm:ss (first-response times run from seconds to days). */
export function formatDuration(seconds: number | null): string {
  if (seconds == null) return NO_VALUE
  const whole = Math.round(seconds)
  const hours = Math.floor(whole / 3600)
  const minutes = Math.floor((whole % 3600) / 60)
  const rest = whole % 60
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`
}

/** A share or change as a sentence prints it, without sign: 71,9% (1 decimal), 44,19% (2). */
export function formatPercentIn(value: number, decimals: number): string {
  const format = new Intl.NumberFormat('id-ID', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })
  return `${format.format(Math.abs(value))}%`
}
