import { launchChromium } from '../support/chromium.ts';

const ORIGIN = 'http://localhost:8123';

/**
 * Loads `script` (an ES module) in a page served from `ORIGIN`, with `files` beside it, and returns
 * what the script leaves in `window.result`. Requests never reach the network: they are answered
 * here, with the headers that make the page cross-origin isolated (for shared WebAssembly memory).
 */
export async function runInChromium(script: string, files: Record<string, Uint8Array>): Promise<Record<string, unknown>> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const served: Record<string, { body: string | Uint8Array; contentType: string }> = {
      '/': { body: '<!doctype html><script type="module" src="/app.js"></script>', contentType: 'text/html' },
      '/app.js': { body: script, contentType: 'text/javascript' },
      ...Object.fromEntries(Object.entries(files).map(([path, body]) => [path, { body, contentType: 'application/wasm' }])),
    };
    await page.route('**/*', async (route) => {
      const file = served[new URL(route.request().url()).pathname];
      if (file === undefined) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, headers: isolation, contentType: file.contentType, body: Buffer.from(file.body) });
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${ORIGIN}/`);
    await page
      .waitForFunction(() => (globalThis as { result?: unknown }).result !== undefined, undefined, { timeout: 90_000 })
      .catch(() => {
        throw new Error(`the page never set window.result${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
      });
    return (await page.evaluate(() => (globalThis as { result?: unknown }).result)) as Record<string, unknown>;
  } finally {
    await browser.close();
  }
}
