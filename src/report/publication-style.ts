/** The publication's stylesheet: a readable page on screen, A4 with a chapter per page in print. */
export const PUBLICATION_STYLE = `
body { font-family: system-ui, "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 48rem; color: #1d2733; padding: 0 1rem; line-height: 1.45; }
header.cover h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
header.cover p { margin: 0.2rem 0; color: #52606d; }
section.chapter { margin-top: 3rem; }
section.chapter h2 { font-size: 1.3rem; text-transform: uppercase; margin: 0; border-bottom: 2px solid #1f5fa8; }
section.chapter p.subtitle { margin: 0.2rem 0 1rem; color: #52606d; font-weight: 600; }
div.highlight { display: inline-block; margin: 0 2rem 1rem 0; }
div.highlight strong { display: block; font-size: 2rem; color: #1f5fa8; }
figure { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figure figcaption, p.table-title { font-weight: 600; margin-bottom: 0.3rem; }
figure svg { width: 100%; height: auto; display: block; }
div.no-data { border: 1px dashed #9aa5b1; padding: 2rem; text-align: center; color: #52606d; }
p.source { color: #52606d; font-size: 0.75rem; margin: 0.2rem 0 0; }
div.table { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; font-size: 0.72rem; width: 100%; }
th, td { padding: 0.2rem 0.25rem; border-bottom: 1px solid #e4e7eb; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
tr.total td { font-weight: 600; }
p.note { color: #52606d; font-size: 0.8rem; }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  section.chapter { break-before: page; page-break-before: always; margin-top: 0; }
  a { color: inherit; text-decoration: none; }
}
`
