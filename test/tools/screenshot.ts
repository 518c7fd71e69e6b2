/**
 * Takes screenshots of the app for a human to look at (not a test):
 *   npx tsx test/tools/screenshot.ts URL OUT.png [WIDTHxHEIGHT] [--click NAME]... [--key KEY]... [--wait MS]
 *     [--select LABEL=OPTION]... [--import FILE] [--region NAME] [--full]
 * Buttons are clicked by accessible name, keys pressed on the page, options chosen in the select
 * labelled LABEL, FILE imported as the workload, in the order given; --region shoots only that
 * region (by accessible name).
 */
import { launchBrowser } from '../helpers/browser.ts'

const [url, out, size = '1280x800', ...rest] = process.argv.slice(2)
if (url === undefined || out === undefined) {
  console.error('usage: screenshot.ts URL OUT.png [WxH] [--click NAME] [--key KEY] [--wait MS]')
  process.exit(2)
}
const [width, height] = size.split('x').map(Number)
const browser = await launchBrowser()
const page = await browser.newPage({ viewport: { width: width!, height: height! } })
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()))
page.on('pageerror', (e) => console.error('pageerror:', e.message))
await page.goto(url)
await page.waitForTimeout(1000)
for (let i = 0; i < rest.length; i += 2) {
  const [flag, value = ''] = [rest[i], rest[i + 1]]
  if (flag === '--click') await page.getByRole('button', { name: value, exact: true }).click()
  else if (flag === '--key') await page.keyboard.press(value)
  else if (flag === '--wait') await page.waitForTimeout(Number(value))
  else if (flag === '--select') {
    const [label = '', option = ''] = value.split('=')
    await page.getByRole('combobox', { name: label, exact: true }).selectOption({ label: option })
  } else if (flag === '--import') await page.getByLabel('Import workload').setInputFiles(value)
  await page.waitForTimeout(300)
}
const region = rest[rest.indexOf('--region') + 1]
if (rest.includes('--region') && region !== undefined) await page.getByRole('region', { name: region, exact: true }).screenshot({ path: out })
else await page.screenshot({ path: out, fullPage: rest.includes('--full') })
await browser.close()
console.log(`wrote ${out}`)
