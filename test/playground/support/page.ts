import type { Browser, Page } from 'playwright-core';

/** Per test: page loads replay training in a browser; CI's two cores are slower than a desktop. */
export const SLOW = 180_000;

/** The launched browser and the served site, read when a test runs (they start in beforeAll). */
export type SiteContext = () => { browser: Browser; url: string };

/** A page at `url` that records every console error and uncaught exception. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => '__playground' in globalThis);
  return { page, errors };
}

/** What has focus, as "scope/key" (see playground/src/ui/focus.ts), the tag name for other elements. */
export function focused(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    if (el.dataset.key === undefined) return el.tagName.toLowerCase() + (el.dataset.testid ? '#' + el.dataset.testid : '');
    return (el.closest('[data-scope]')?.dataset.scope ?? '') + '/' + el.dataset.key;
  })()`);
}

/** A value from the page's state object (window.__playground.state), by a path such as 'race.steps'. */
export function stateAt<T>(page: Page, path: string): Promise<T> {
  return page.evaluate<T>(`JSON.parse(JSON.stringify(globalThis.__playground.state.${path}))`);
}
