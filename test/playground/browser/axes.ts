// Plots people can read positions from, a phone layout that explains before it shows, and a footer that is true.
import { expect, it } from 'vitest';
import { SLOW, type SiteContext, openPage, stateAt } from '../support/page.ts';
import { DIST, serve } from '../support/site.ts';

const number = (text: string): number => Number(text.replace(/\u2212/g, '-'));

export function axesTests(context: SiteContext): void {
  it(
    'the race plot has ticks on both axes, and a click at the ticks x = 1, y = 2 puts the start at (1, 2)',
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(browser, `${url}#v=1&view=race&f=rosenbrock&t=0`);
      const ticks = (axis: string) => page.locator(`#view-race [data-testid=axes] [data-tick=${axis}]`).allTextContents();
      // Rosenbrock's frame is [−2, 2] × [−1, 3]; ticks every 0.5, minus signs as in every gradlab picture.
      expect(await ticks('x')).toEqual(['−2', '−1.5', '−1', '−0.5', '0', '0.5', '1', '1.5', '2']);
      expect(await ticks('y')).toEqual(['−1', '−0.5', '0', '0.5', '1', '1.5', '2', '2.5', '3']);
      const xBox = await page.locator('#view-race [data-tick=x]', { hasText: /^1$/ }).boundingBox();
      const yBox = await page.locator('#view-race [data-tick=y]', { hasText: /^2$/ }).boundingBox();
      await page.mouse.click(xBox!.x + xBox!.width / 2, yBox!.y + yBox!.height / 2);
      const [x, y] = await stateAt<[number, number]>(page, 'race.start');
      // Within a pixel of the picture (the text's centre is the tick's position; the y label sits 0.35 em low).
      expect(Math.abs(x - 1)).toBeLessThan(0.02);
      expect(Math.abs(y - 2)).toBeLessThan(0.03);
      // A click on the axes is not a click on the surface.
      await page.mouse.click(xBox!.x + xBox!.width / 2, xBox!.y + 2);
      expect(await stateAt(page, 'race.start')).toEqual([x, y]);
      // Contour values are written on their lines.
      expect(await page.locator('#view-race text.level').count()).toBeGreaterThanOrEqual(5);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'the decision boundary and the loss slice have ticks in their units: standardised features, the two weights',
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(browser, `${url}#v=1&view=train&ts=60`);
      const ticksOf = async (id: string) =>
        JSON.parse((await page.getAttribute(`[data-testid=${id}]`, 'data-ticks'))!) as { x: string[]; y: string[] };
      const boundary = await ticksOf('boundary');
      expect(boundary.x).toEqual(['−3', '−2', '−1', '0', '1', '2', '3']);
      expect(boundary.y).toEqual(boundary.x);
      // The labels are painted: the left margin (where y labels go) holds dark pixels, the corner outside does not.
      // (Canvas pixels: twice the picture's units. One readback: more would draw a performance warning.)
      const [margin, corner] = await page.evaluate<[number, number]>(`(() => {
        const c = document.querySelector('[data-testid=boundary]');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const dark = (x0, y0, w, h) => {
          let n = 0;
          for (let y = y0; y < y0 + h; y++)
            for (let x = x0; x < x0 + w; x++) {
              const i = 4 * (y * c.width + x);
              if (d[i] < 120 && d[i + 1] < 120 && d[i + 2] < 120) n++;
            }
          return n;
        };
        return [dark(60, 16, 50, 600), dark(0, 0, 10, 10)];
      })()`);
      expect(margin).toBeGreaterThan(100);
      expect(corner).toBe(0);
      const slice = await ticksOf('slice');
      const path = await page.evaluate<number[]>('Array.from(globalThis.__playground.train.trainer.slicePath.slice(-2))');
      const span = number(/±([^ ]+) around/.exec((await page.textContent('[data-testid=slice-caption]'))!)![1]!);
      for (const [labels, centre] of [
        [slice.x, path[0]!],
        [slice.y, path[1]!],
      ] as const) {
        expect(labels.length).toBeGreaterThanOrEqual(3);
        for (const t of labels.map(number)) expect(Math.abs(t - centre)).toBeLessThanOrEqual(span * 1.001);
      }
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    "on a phone the graph view's instructions come before its nodes",
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(browser, `${url}#v=1&view=graph`, { width: 390, height: 844 });
      const hint = await page.locator('#view-graph .hint').first().boundingBox();
      const firstNode = await page.locator('#view-graph [data-node]').first().boundingBox();
      expect(hint!.y + hint!.height).toBeLessThanOrEqual(firstNode!.y);
      expect(await page.locator('#view-graph [data-node]').count()).toBe(16);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'the footer names the kernels that run: WebAssembly in Chromium with or without cross-origin isolation',
    async () => {
      const { browser, url } = context();
      const plain = await openPage(browser, url);
      expect(await plain.page.evaluate('globalThis.crossOriginIsolated')).toBe(false);
      expect(await plain.page.textContent('[data-testid=kernels]')).toBe(
        'Kernels: matrix products in WebAssembly (one thread), the Adam step in WebAssembly; the numbers are bit-identical either way. This page is not cross-origin isolated.',
      );
      await plain.page.close();
      const isolatedSite = await serve(DIST, {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      });
      try {
        const isolated = await openPage(browser, isolatedSite.url);
        expect(await isolated.page.evaluate('globalThis.crossOriginIsolated')).toBe(true);
        expect(await isolated.page.textContent('[data-testid=kernels]')).toMatch(
          /^Kernels: matrix products in WebAssembly \(one thread\), .* This page is cross-origin isolated\.$/,
        );
        expect(isolated.errors).toEqual([]);
        await isolated.page.close();
      } finally {
        await isolatedSite.close();
      }
    },
    SLOW,
  );
}
