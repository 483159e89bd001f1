// Counting WebGL program links in a page (three.js links one per new shader program): `countProgramLinks` starts
// counting from now on, `programLinks` reads the count. Used to check the viewer compiles no shader when its figures
// change.

import type { Page } from '@playwright/test';

interface LinkCounter {
  __links: number;
}

export async function countProgramLinks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as LinkCounter;
    w.__links = 0;
    for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
      const link = proto.linkProgram;
      proto.linkProgram = function (this: WebGLRenderingContext, p: WebGLProgram) {
        w.__links++;
        return link.call(this, p);
      };
    }
  });
}

export async function programLinks(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as LinkCounter).__links);
}
