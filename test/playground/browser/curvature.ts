// Second derivatives on the page: the training view's sharpness chart and the race inspector's curvature along the step,
// the same numbers as gradlab computes in Node.
import { join } from 'node:path';
import { SURFACES } from 'gradlab';
import { expect, it } from 'vitest';
import { Racer } from '../../../playground/src/race/racer.ts';
import { defaultSettings } from '../../../playground/src/state/methods.ts';
import { defaultTrain } from '../../../playground/src/state/schema.ts';
import { Trainer, generate, prepare } from '../../../playground/src/train/engine.ts';
import { SLOW, type SiteContext, openPage } from '../support/page.ts';
import { ROOT } from '../support/site.ts';

const OUT = join(ROOT, 'out/playground');

interface Plotted {
  step: number;
  sharpness: number;
  limit: number | null;
}

export function curvatureTests(context: SiteContext): void {
  it(
    'the training view plots λ_max of the training loss with 2/η for gradient descent, and no line for Adam',
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(browser, `${url}#v=1&view=train&opt=gd;lr:0.5&ts=100`, { width: 1280, height: 1100 });
      const plotted = JSON.parse((await page.getAttribute('[data-testid=sharpness]', 'data-exact'))!) as Plotted;
      const st = { ...defaultTrain(), optimizer: defaultSettings('gd', 0.5), step: 100 };
      const trainer = new Trainer(st, prepare(generate(st), st.dataSeed));
      for (let i = 0; i < 100; i++) trainer.step();
      expect(plotted.step).toBe(100);
      expect(plotted.limit).toBe(4);
      expect(Math.abs(plotted.sharpness - trainer.history.sharpness[99]!)).toBeLessThan(1e-9 * plotted.sharpness);
      expect(await page.textContent('[data-testid=sharpness-caption]')).toContain('Dashed: 2/η');
      await page.screenshot({ path: join(OUT, 'train-sharpness-gd-desktop.png'), fullPage: true });
      const adam = await openPage(browser, `${url}#v=1&view=train&ts=100`);
      expect(JSON.parse((await adam.page.getAttribute('[data-testid=sharpness]', 'data-exact'))!)).toMatchObject({
        step: 100,
        limit: null,
      });
      expect(await adam.page.textContent('[data-testid=sharpness-caption]')).toContain('No stability line');
      expect([...errors, ...adam.errors]).toEqual([]);
      await page.close();
      await adam.page.close();
    },
    SLOW,
  );

  it(
    "the race inspector shows the curvature along Adam's step, as gradlab computes it",
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(
        browser,
        `${url}#v=1&view=race&f=rosenbrock&start=-1.2,1&steps=200&m0=gd;lr:0.0015&m1=adam;lr:0.1;b1:0.9;b2:0.999;eps:1e-8;bias:1&sel=1&t=120`,
      );
      const shown = Number(await page.getAttribute('#view-race [data-testid=inspector] tr[data-row=curvature] td', 'data-exact'));
      const racer = new Racer({
        f: SURFACES.rosenbrock.f,
        start: [-1.2, 1],
        settings: defaultSettings('adam', 0.1),
        steps: 200,
        noise: 0,
        seed: 0,
      });
      racer.advanceTo(120);
      const expected = racer.detail(120).curvature!;
      expect(Math.abs(shown - expected)).toBeLessThan(1e-9 * Math.abs(expected));
      await page.screenshot({ path: join(OUT, 'race-curvature-desktop.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );
}
