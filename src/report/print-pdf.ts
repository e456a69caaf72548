import { chromium } from 'playwright-core'

/** Chromium's switches for printing a page that fetches nothing, also as root in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Prints the publication's HTML to an A4 PDF with the system's Chromium: the page's own print
 * stylesheet decides the layout (a chapter per page, no break inside a chart), and its footer
 * numbers the pages.
 */
export async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage()
    // The page is self-contained: any request it would make is refused.
    await page.route('**/*', (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load' })
    return await page.pdf({
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#52606d"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    })
  } finally {
    await browser.close()
  }
}
