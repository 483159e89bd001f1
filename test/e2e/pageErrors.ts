// Collects what a page logs as console errors or throws as uncaught exceptions, for the "no console errors" checks.
import type { Page } from '@playwright/test';

/** Starts collecting on `page`; the returned array fills as errors arrive. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}
