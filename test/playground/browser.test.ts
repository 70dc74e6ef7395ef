// The playground in a real browser: Debian's Chromium driven by playwright-core, one launch for the file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { Adam, SURFACES, Tensor, parseCsv, traceOptimizer } from 'gradlab';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildPlayground, launch, serve } from './support/site.ts';
import { SLOW, openPage } from './support/page.ts';
import { axesTests } from './browser/axes.ts';
import { curvatureTests } from './browser/curvature.ts';
import { inputTests } from './browser/inputs.ts';
import { keyboardTests } from './browser/keyboard.ts';

let browser: Browser;
let site: Awaited<ReturnType<typeof serve>>;
const OUT = join(ROOT, 'out/playground');

beforeAll(async () => {
  buildPlayground();
  site = await serve();
  browser = await launch();
  mkdirSync(OUT, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser.close();
  await site.close();
});

/** A page that records every console error and uncaught exception. */
async function open(hash: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
  return openPage(browser, `${site.url}${hash}`, viewport);
}

/** The inspector's exact numbers: row key → [x, y]. */
async function inspector(page: Page): Promise<Record<string, [number, number]>> {
  // A string, not a function: this file is type-checked without the DOM library.
  const rows = await page.evaluate<[string, [number, number]][]>(`Array.from(
    document.querySelectorAll('#view-race [data-testid=inspector] tbody tr'),
    (r) => [r.getAttribute('data-row'), Array.from(r.querySelectorAll('td'), (td) => Number(td.getAttribute('data-exact')))])`);
  return Object.fromEntries(rows);
}

const ADAM_URL =
  '#v=1&view=race&f=rosenbrock&start=-1.2,1&steps=200&m0=gd;lr:0.0015&m1=adam;lr:0.1;b1:0.9;b2:0.999;eps:1e-8;bias:1&sel=1&t=0';

describe('playground in Chromium', () => {
  it(
    'loads every view with no console error',
    async () => {
      for (const view of ['race', 'train', 'graph']) {
        const { page, errors } = await open(`#v=1&view=${view}`);
        await page.click(`[data-testid=tab-${view}]`);
        expect(await page.isVisible(`#view-${view}`)).toBe(true);
        if (view === 'graph') {
          await page.click('#view-graph [data-node="3"]');
          expect(await page.textContent('[data-testid=fd-verdict]')).toMatch(/^Agree: largest difference/);
        }
        expect(errors).toEqual([]);
        await page.close();
      }
    },
    SLOW,
  );

  it(
    'moving a slider (by keyboard) changes the path',
    async () => {
      const { page, errors } = await open(ADAM_URL.replace('t=0', 't=100'));
      const before = await page.getAttribute('#view-race [data-testid=path] >> nth=0', 'points');
      await page.focus('#view-race [data-testid=racer-0-lr]');
      await page.keyboard.press('ArrowRight');
      const after = await page.getAttribute('#view-race [data-testid=path] >> nth=0', 'points');
      expect(after).not.toBe(before);
      expect(after!.split(' ').length).toBe(101);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'step forward 50 gives the numbers gradlab gives in Node; back 50 after 50 more gives them again',
    async () => {
      // Reference: gradlab itself, as a user would call it.
      const x = new Tensor(Float64Array.of(-1.2), [1], true),
        y = new Tensor(Float64Array.of(1), [1], true);
      const opt = new Adam([x, y], { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, biasCorrection: true });
      const trace = traceOptimizer(opt, { names: ['x', 'y'] });
      for (let t = 0; t < 50; t++) {
        opt.zeroGrad();
        SURFACES.rosenbrock.f(x, y).backward();
        opt.step();
      }
      const [ex, ey] = trace.entries.slice(-2);
      const { page, errors } = await open(ADAM_URL);
      for (let k = 0; k < 50; k++) await page.click('#view-race [data-testid=step-forward]');
      const at50 = await inspector(page);
      expect(at50.g).toEqual([ex!.grad[0], ey!.grad[0]]);
      expect(at50.expAvg).toEqual([ex!.state.expAvg![0], ey!.state.expAvg![0]]);
      expect(at50.expAvgSq).toEqual([ex!.state.expAvgSq![0], ey!.state.expAvgSq![0]]);
      expect(at50.mHat).toEqual([ex!.derived.mHat![0], ey!.derived.mHat![0]]);
      expect(at50.vHat).toEqual([ex!.derived.vHat![0], ey!.derived.vHat![0]]);
      expect(at50.update).toEqual([ex!.update[0], ey!.update[0]]);
      expect(at50.effectiveLr).toEqual([ex!.effectiveLr[0], ey!.effectiveLr[0]]);
      expect(at50.after).toEqual([x.data[0], y.data[0]]);
      expect(await page.textContent('[data-testid=step-line]')).toMatch(/^step 50: adam moved x by [+−]\d.*, loss .* → .*/);
      expect(await page.textContent('[data-testid=equation]')).toContain('x ← x − η·m̂/(√v̂ + ε)');
      for (let k = 0; k < 50; k++) await page.click('#view-race [data-testid=step-forward]');
      expect((await inspector(page)).g).not.toEqual(at50.g);
      for (let k = 0; k < 50; k++) await page.click('#view-race [data-testid=step-back]');
      expect(await page.textContent('[data-testid=step]')).toBe('50 / 200');
      expect(await inspector(page)).toEqual(at50);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'a shared link reopens with identical numbers, race and training',
    async () => {
      const { page } = await open(ADAM_URL.replace('t=0', 't=77'));
      await page.click('[data-testid=tab-train]');
      await page.click('[data-testid=train-100]');
      const race = await inspector(page);
      const train = await page.getAttribute('[data-testid=train-line]', 'data-exact');
      await page.click('[data-testid=share-link]');
      const link = await page.inputValue('[data-testid=share-text]');
      expect(link).toContain('ts=250');
      const again = await open(link.slice(site.url.length));
      expect(await again.page.getAttribute('[data-testid=train-line]', 'data-exact')).toBe(train);
      await again.page.click('[data-testid=tab-race]');
      expect(await inspector(again.page)).toEqual(race);
      expect(again.errors).toEqual([]);
      await page.close();
      await again.page.close();
    },
    SLOW,
  );

  it(
    'a typed function: its gradient is the hand-derived one; a bad one is reported with its column',
    async () => {
      // f = x²·y + 3y at (2, 1): ∂f/∂x = 2xy = 4, ∂f/∂y = x² + 3 = 7.
      const { page, errors } = await open('#v=1&f=custom&expr=x%5E2*y%20%2B%203y&start=2,1&m0=gd;lr:0.01&sel=0&t=1');
      expect((await inspector(page)).g).toEqual([4, 7]);
      await page.fill('[data-testid=formula]', 'x^^2');
      expect(await page.textContent('[data-testid=formula-error]')).toMatch(/^unexpected \^ at column 3: expected a number, x, y/);
      await page.fill('[data-testid=formula]', 'log(x - 10)');
      await page.press('[data-testid=formula]', 'Enter');
      expect(await page.textContent('[data-testid=legend]')).toMatch(/^gd \(η = 0\.01\): ✕ diverged at step 0$/);
      expect(await page.isVisible('[data-testid=diverged-mark]')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'a damaged link opens with a message naming what was ignored; a bad CSV gets file, line and column',
    async () => {
      const { page, errors } = await open('#v=1&start=abc&m0=adamz;lr:1&steps=9999999&bogus=1');
      const banner = await page.textContent('[data-testid=banner]');
      expect(banner).toContain('start=abc (expected two numbers x,y)');
      expect(banner).toContain("m0=adamz;lr:1 (unknown method 'adamz'");
      expect(banner).toContain('steps=9999999 (expected a whole number from 1 to 5000)');
      expect(banner).toContain('bogus (not a setting of this page)');
      expect(await page.isVisible('[data-testid=race-plot]')).toBe(true);
      await page.click('[data-testid=tab-train]');
      await page.setInputFiles('[data-testid=csv-file]', {
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('a,b,label\n1,2,x\n3,oops,y\n'),
      });
      const text = 'a,b,label\n1,2,x\n3,oops,y\n';
      let cli = '';
      try {
        parseCsv(text, { source: 'bad.csv' });
      } catch (e) {
        cli = (e as Error).message;
      }
      expect(cli).toMatch(/^bad\.csv line 3, .*b.*oops/);
      await expect.poll(() => page.textContent('[data-testid=csv-error]')).toBe(cli);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'has no serious or critical axe violations in any view, and takes the screenshots',
    async () => {
      for (const [name, viewport] of [
        ['desktop', { width: 1280, height: 800 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        for (const view of ['race', 'train', 'graph']) {
          const { page, errors } = await open(ADAM_URL.replace('t=0', 't=120').replace('view=race', `view=${view}`), viewport);
          // The audit once per view (at desktop size); both sizes are photographed.
          if (name === 'desktop') {
            const results = await new AxeBuilder({ page }).analyze();
            const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
            expect(
              bad.map(
                (v) =>
                  `${v.id}: ${v.help} (${v.nodes
                    .map((n) => n.target.join(' '))
                    .slice(0, 3)
                    .join('; ')})`,
              ),
            ).toEqual([]);
          }
          await page.screenshot({ path: join(OUT, `${view}-${name}.png`), fullPage: name === 'phone' });
          expect(errors).toEqual([]);
          await page.close();
        }
      }
      writeFileSync(
        join(OUT, 'README.txt'),
        'Screenshots from test/playground/browser.test.ts: each view at 1280×800 and at 390×844 (full page); train-input-error-desktop.png (hidden layers refused inline) and race-skip-link-desktop.png (the skip link, focused) from its keyboard and input tests.\n',
      );
    },
    SLOW,
  );
  keyboardTests(() => ({ browser, url: site.url }));
  inputTests(() => ({ browser, url: site.url }));
  axesTests(() => ({ browser, url: site.url }));
  curvatureTests(() => ({ browser, url: site.url }));
});
