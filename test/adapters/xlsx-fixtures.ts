import { buildXlsx, type SheetSpec, type ZipPart } from '../support/xlsx-package.js'

/** A Sociomile ticket export sheet: two tickets of December 2021. */
export const TICKETS: SheetSpec = {
  name: 'Tickets',
  rows: [
    [
      'Ticket ID',
      'Channel',
      'Customer Phone',
      'Subject',
      'Category',
      'Status',
      'Agent',
      'Created At',
    ],
    [
      '64fb00018da23ffa50007001',
      'WhatsApp',
      '081234567890',
      'Tanya DAU',
      'Dana Alokasi Umum',
      'Selesai',
      'Rina',
      '01/12/2021 09:23',
    ],
    [
      '64fb00028da23ffa50007002',
      'WhatsApp',
      '085712345678',
      'Info DBH',
      'Dana Bagi Hasil',
      'Open',
      'Agus',
      '02/12/2021 10:00',
    ],
  ],
}
/** A summary tab agents add next to the export. */
export const SUMMARY: SheetSpec = {
  name: 'Rekap',
  rows: [
    ['Bulan', 'Jumlah'],
    ['Desember 2021', 2],
  ],
}
/** A lookup tab kept out of sight. */
export const LOOKUP: SheetSpec = {
  name: 'Lookup',
  rows: [
    ['Status', 'Arti'],
    ['Selesai', 'resolved'],
  ],
  state: 'hidden',
}

const byPath = (parts: ZipPart[]) => {
  const sheets = parts
    .filter(([path]) => path.startsWith('xl/worksheets/'))
    .sort(([a], [b]) => a.localeCompare(b))
  return parts.map(([path, content]): ZipPart =>
    path.startsWith('xl/worksheets/') ? sheets.shift()! : [path, content],
  )
}
/** Streaming writers put the sheet data first and the workbook part after it. */
const sheetsFirst = (parts: ZipPart[]) => [
  ...parts.filter(([path]) => path.startsWith('xl/worksheets/')),
  ...parts.filter(([path]) => !path.startsWith('xl/worksheets/')),
]

/** The committed XLSX fixtures of test/fixtures/whatsapp, rebuilt byte for byte (see the README there). */
export const XLSX_FIXTURES: Record<string, () => Buffer> = {
  // The tickets tab was moved in front of the summary in Excel: it keeps its part sheet2.xml,
  // which the ZIP stores after sheet1.xml.
  'tab-order-not-zip-order.xlsx': () =>
    buildXlsx(
      [
        { ...TICKETS, part: 2 },
        { ...SUMMARY, part: 1 },
      ],
      {},
      byPath,
    ),
  'hidden-first-tab.xlsx': () => buildXlsx([LOOKUP, TICKETS]),
  'inline-strings-sheets-first.xlsx': () =>
    buildXlsx([TICKETS, SUMMARY], { strings: 'inline', absoluteTargets: true }, sheetsFirst),
  'truncated-workbook.xlsx': () => {
    const whole = buildXlsx(
      [
        { ...TICKETS, part: 2 },
        { ...SUMMARY, part: 1 },
      ],
      {},
      byPath,
    )
    return whole.subarray(0, Math.floor(whole.length * 0.6))
  },
}
