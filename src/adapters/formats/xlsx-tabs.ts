import { posix } from 'node:path'

/** A `<sheet>` of xl/workbook.xml. */
export interface WorkbookSheet {
  name?: string
  state?: string
  rId?: string
}

/** A relationship of xl/_rels/workbook.xml.rels. */
export interface WorkbookRelationship {
  Id?: string
  Type?: string
  Target?: string
}

/** One tab of a workbook, in tab order. */
export interface XlsxTab {
  name: string
  /** 1-based position among the workbook's tabs, hidden ones included. */
  index: number
  hidden: boolean
  /** False for chart sheets, dialog and macro sheets: they hold no table. */
  isWorksheet: boolean
  /** The ZIP entry holding the sheet, e.g. `xl/worksheets/sheet2.xml`. */
  path: string | null
}

/**
 * The tabs in the order the workbook shows them. That order is xl/workbook.xml's, not the ZIP's:
 * a moved tab keeps its part name (`sheet3.xml` first), and a target may be relative to `xl/`
 * (Excel, LibreOffice) or absolute from the package root (openpyxl writes `/xl/worksheets/…`).
 */
export function listTabs(
  sheets: readonly WorkbookSheet[],
  relationships: readonly WorkbookRelationship[],
): XlsxTab[] {
  return sheets.map((sheet, i) => {
    const relationship = relationships.find((r) => r.Id === sheet.rId)
    const target = relationship?.Target
    return {
      name: sheet.name ?? `#${i + 1}`,
      index: i + 1,
      hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden',
      isWorksheet: /\/worksheet$/.test(relationship?.Type ?? ''),
      path: target ? partPath(target) : null,
    }
  })
}

function partPath(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : posix.join('xl', target)
  return posix.normalize(path)
}

/**
 * The tab to read: by name (exact, then ignoring case and outer spaces, as Excel compares names)
 * or by 1-based index when `choice` is set, else the first visible worksheet. Returns a message
 * naming the tabs that exist when there is no such tab.
 */
export function pickTab(tabs: readonly XlsxTab[], choice: string | null): XlsxTab | string {
  if (choice === null) {
    return (
      tabs.find((tab) => tab.isWorksheet && !tab.hidden) ??
      `the workbook has no visible worksheet (tabs: ${describeTabs(tabs)})`
    )
  }
  const folded = choice.trim().toLowerCase()
  const tab =
    tabs.find((t) => t.name === choice) ??
    tabs.find((t) => t.name.trim().toLowerCase() === folded) ??
    (/^\d+$/.test(choice.trim()) ? tabs[Number(choice.trim()) - 1] : undefined)
  if (!tab) return `no sheet "${choice}" in the workbook (XLSX_SHEET; tabs: ${describeTabs(tabs)})`
  if (!tab.isWorksheet) return `sheet "${tab.name}" is not a worksheet (a chart or macro sheet)`
  return tab
}

/** `Data, Lookup (hidden)`, for messages and notes. */
function describeTabs(tabs: readonly XlsxTab[]): string {
  if (tabs.length === 0) return 'none'
  return tabs.map((tab) => `${tab.index}. ${tab.name}${tab.hidden ? ' (hidden)' : ''}`).join(', ')
}
