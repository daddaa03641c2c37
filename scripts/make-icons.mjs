#!/usr/bin/env node
// Renders the SVG sources in build/ to the PNGs electron-builder and the tray use, with Debian's
// Chromium through playwright-core (no download). The PNGs are committed, so builds never need this.
//   node scripts/make-icons.mjs            (CHROMIUM=/path/to/chromium to use another browser)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BUILD = new URL('../build/', import.meta.url).pathname;
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

/** [svg, png, size] triples: the app icon at every size, each tray image at 1x (16px) and 2x (32px). */
const jobs = [
  ['icon.svg', 'icon.png', 1024],
  ...LINUX_SIZES.map((size) => ['icon.svg', `icons/${size}x${size}.png`, size]),
  ...readdirSync(join(BUILD, 'tray'))
    .filter((file) => file.endsWith('.svg'))
    .flatMap((file) => {
      const base = `tray/${file.replace(/\.svg$/, '')}`;
      return [
        [`tray/${file}`, `${base}.png`, 16],
        [`tray/${file}`, `${base}@2x.png`, 32],
      ];
    }),
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [svgFile, pngFile, size] of jobs) {
    const svg = readFileSync(join(BUILD, svgFile), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: join(BUILD, pngFile), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`${pngFile} (${size}px)`);
  }
} finally {
  await browser.close();
}
