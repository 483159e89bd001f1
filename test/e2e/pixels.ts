// Pixel counts of an element's screenshot, for the viewer checks of the browser specs: the PNG is decoded in the
// page (no image library in Node) and every pixel is classed by the colours the viewer draws with.
import type { Locator, Page } from '@playwright/test';

export interface PixelCounts {
  total: number;
  /** Pixels that differ from the viewer's clear colour (VIEWER_CLEAR_COLOR #14171c) by more than a small tolerance. */
  nonClear: number;
  /** The figure's orange (red well above blue, bright enough): the input or "before" motion. */
  orange: number;
  /** The corrected ("after") figure's teal. */
  teal: number;
  /** The simulated ragdoll's blue (blue well above red). */
  blue: number;
}

export async function pixelCounts(page: Page, el: Locator): Promise<PixelCounts> {
  const png = await el.screenshot();
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const clear = [0x14, 0x17, 0x1c];
    const n = { total: d.length / 4, nonClear: 0, orange: 0, teal: 0, blue: 0 };
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i], g = d[i + 1], b = d[i + 2];
      if (Math.abs(r - clear[0]) + Math.abs(g - clear[1]) + Math.abs(b - clear[2]) > 12) n.nonClear++;
      if (r > 90 && r - b > 60 && g > b) n.orange++;
      if (g > 110 && b > 90 && g - r > 50) n.teal++;
      if (b > 120 && b - r > 50 && g > r) n.blue++;
    }
    return n;
  }, png.toString('base64'));
}
