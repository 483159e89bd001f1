// Shared page handling for the browser tests: collect what a page logs as console errors or throws as uncaught
// exceptions (for the "no console errors" checks), and open one page that a serial spec's tests share.
import type { Browser, Page } from '@playwright/test';

/** Starts collecting on `page`; the returned array fills as errors arrive. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** Opens the app's start page once, collecting its errors (loading costs seconds under SwiftShader). */
export async function openSharedPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  await page.goto('/');
  return { page, errors };
}
