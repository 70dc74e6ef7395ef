// The playground driven by keyboard alone: focus survives controls being drawn again, shortcuts, skip link.
import { expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT } from '../support/site.ts';
import { SLOW, type SiteContext, focused, openPage, stateAt } from '../support/page.ts';

const RACE = '#v=1&view=race&f=rosenbrock&start=-1.2,1&steps=200&m0=gd;lr:0.0015&m1=adam;lr:0.1&m2=momentum;lr:0.001&sel=1&t=0';

export function keyboardTests(context: SiteContext): void {
  it(
    'keeps focus where it was when a racer, the surface, a racer or a data set is changed, added or removed',
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(browser, url + RACE);
      const methods = () => stateAt<{ method: string }[]>(page, 'race.methods').then((ms) => ms.map((m) => m.method));

      // A racer's method, changed with the arrow key: that racer's fieldset is drawn again.
      await page.focus('[data-testid=racer-1] select');
      await page.keyboard.press('ArrowDown');
      expect(await methods()).toEqual(['gd', 'adamw', 'momentum']);
      expect(await focused(page)).toBe('racer-1/method');
      await page.keyboard.press('Tab'); // on to the new method's first slider, not back to the top of the page
      expect(await focused(page)).toBe('racer-1/learning rate η');

      // The surface: every control below it is drawn again.
      await page.focus('[data-testid=surface]');
      await page.keyboard.press('ArrowDown'); // rosenbrock → saddle
      expect(await stateAt(page, 'race.surface')).toBe('saddle');
      expect(await focused(page)).toBe('/surface');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('/start x');

      // Add a racer: focus stays on Add (with room for more), and the change is announced.
      await page.focus('[data-testid=add-racer]');
      await page.keyboard.press('Enter');
      expect(await methods()).toHaveLength(4);
      expect(await focused(page)).toBe('/add-racer');
      expect(await page.textContent('[data-testid=racers-status]')).toMatch(/^Racer 4 \(\w+\) added\.$/);

      // Remove racer 2: focus moves to the Remove of the racer now in its place, then of the last one.
      await page.focus('[data-testid=racer-1] [data-key=remove]');
      await page.keyboard.press('Enter');
      expect(await methods()).toEqual(['gd', 'momentum', expect.any(String)]);
      expect(await focused(page)).toBe('racer-1/remove');
      expect(await page.getAttribute('[data-testid=racer-1] [data-key=remove]', 'aria-label')).toBe('remove racer 2 (momentum)');
      await page.focus('[data-testid=racer-2] [data-key=remove]');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('racer-1/remove');
      await page.keyboard.press('Enter'); // down to one racer: it has no Remove, so its method takes focus
      expect(await focused(page)).toBe('racer-0/method');

      // Train view: another data set, another optimizer.
      await page.click('[data-testid=tab-train]');
      await page.focus('[data-testid=dataset]');
      await page.keyboard.press('ArrowDown');
      expect(await stateAt(page, 'train.data')).toBe('circles');
      expect(await focused(page)).toBe('/data set');
      await page.focus('#view-train [data-key=method]');
      await page.keyboard.press('ArrowDown');
      expect(await stateAt(page, 'train.optimizer.method')).toBe('adamw');
      expect(await focused(page)).toBe('racer-0/method');

      // Graph view: another training example redraws the box it was typed in.
      await page.click('[data-testid=tab-graph]');
      await page.fill('[data-testid=example]', '7');
      await page.press('[data-testid=example]', 'Enter');
      expect(await stateAt(page, 'train.example')).toBe(7);
      expect(await focused(page)).toBe('/example');
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'a skip link first, then shortcuts for play/pause and stepping, written on the page',
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(browser, url + RACE);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('a#skip-link');
      expect(await page.isVisible('[data-testid=skip-link]')).toBe(true); // shown once focused
      await page.screenshot({
        path: join(ROOT, 'out/playground/race-skip-link-desktop.png'),
        clip: { x: 0, y: 0, width: 1280, height: 200 },
      });
      expect(await page.textContent('[data-testid=skip-link]')).toBe('Skip to Play and Step');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('button#play');
      // Two key presses from the top of the page to a running race (it took 37 Tabs).
      await page.keyboard.press('k');
      expect(await page.getAttribute('[data-testid=play]', 'aria-label')).toBe('pause');
      await page.keyboard.press('k');
      expect(await page.getAttribute('[data-testid=play]', 'aria-label')).toBe('play');
      await page.click('[data-testid=rewind]');
      await page.locator('body').click({ position: { x: 1, y: 790 } }); // focus off every control
      for (const key of ['.', '.', '.', ',']) await page.keyboard.press(key);
      expect(await page.textContent('[data-testid=step]')).toBe('2 / 200');
      await page.keyboard.press('0');
      expect(await page.textContent('[data-testid=step]')).toBe('0 / 200');
      // Typing in a box is typing: '.' there steps nothing.
      await page.focus('[data-testid=start-x]');
      await page.keyboard.type('.5');
      expect(await page.textContent('[data-testid=step]')).toBe('0 / 200');
      expect(await page.textContent('[data-testid=race-keys]')).toBe(
        'Keys: K or Space play/pause · . step forward · , step back · 0 back to step 0 (not while typing in a box).',
      );
      expect(await page.getAttribute('[data-testid=play]', 'aria-keyshortcuts')).toBe('K Space');

      await page.click('[data-testid=tab-train]');
      expect(await page.textContent('[data-testid=skip-link]')).toBe('Skip to Train and Step');
      const before = await stateAt<number>(page, 'train.step');
      await page.locator('body').click({ position: { x: 1, y: 790 } });
      await page.keyboard.press('.');
      expect(await stateAt(page, 'train.step')).toBe(before + 1);
      expect(await page.textContent('[data-testid=train-keys]')).toContain('K or Space train/pause');
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );
}
