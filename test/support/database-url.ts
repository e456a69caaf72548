export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export function adminUrl(url: string): string {
  return withDatabaseName(url, 'postgres')
}
