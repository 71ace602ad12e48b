// Rasterizes images/icon.svg to images/icon.png (128x128, the size the marketplace shows) with headless
// Chromium, the browser the extension-host tests already use. Run after editing the SVG; commit both.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, REPO } from './vscode-host.mjs';

const SIZE = 128;
const svg = fs.readFileSync(path.join(REPO, 'images', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(REPO, 'images', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log(`images/icon.png: ${SIZE}x${SIZE}, ${fs.statSync(path.join(REPO, 'images', 'icon.png')).size} bytes`);
