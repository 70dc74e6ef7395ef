// Every box says inline what is wrong with what was typed, as the formula box does, and keeps the last good value.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT } from '../support/site.ts';
import { SLOW, type SiteContext, openPage, stateAt } from '../support/page.ts';

/** Types `text` into the box `testId` and commits it (Enter); returns the inline message and aria-invalid. */
async function enter(page: Page, testId: string, text: string): Promise<[string, string | null]> {
  await page.fill(`[data-testid=${testId}]`, text);
  await page.press(`[data-testid=${testId}]`, 'Enter');
  return [
    (await page.textContent(`[data-testid=${testId}-error]`)) ?? '',
    await page.getAttribute(`[data-testid=${testId}]`, 'aria-invalid'),
  ];
}

export function inputTests(context: SiteContext): void {
  it(
    'hidden layers: 8,,x, 0 and eleven layers are each refused with a message naming the layer; the network stays',
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(browser, `${url}#v=1&view=train`);
      const how = 'widths are whole numbers from 1 to 64, separated by commas, e.g. 16,16';
      expect(await enter(page, 'hidden', '8,,x')).toEqual([`layer 2 is empty; ${how}`, 'true']);
      expect(await enter(page, 'hidden', '0')).toEqual([`layer 1 is '0'; ${how}`, 'true']);
      expect(await enter(page, 'hidden', '1,2,3,4,5,6,7,8,9,10,11')).toEqual([`11 layers given; at most 4 (${how})`, 'true']);
      await page.screenshot({ path: join(ROOT, 'out/playground/train-input-error-desktop.png') });
      expect(await stateAt(page, 'train.hidden')).toEqual([16, 16]); // nothing was applied
      expect(await page.inputValue('[data-testid=hidden]')).toBe('1,2,3,4,5,6,7,8,9,10,11'); // the text stays to be fixed
      // The message is tied to the box for screen readers.
      const described = await page.getAttribute('[data-testid=hidden]', 'aria-describedby');
      expect(await page.textContent(`#${described!}`)).toContain('11 layers given');
      expect(await enter(page, 'hidden', '8, 8')).toEqual(['', null]);
      expect(await stateAt(page, 'train.hidden')).toEqual([8, 8]);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'number boxes say what range they take instead of clamping or reverting in silence',
    async () => {
      const { browser, url } = context();
      const { page, errors } = await openPage(browser, `${url}#v=1&view=race&steps=300`);
      await page.fill('#view-race [data-key=steps]', '9999');
      await page.press('#view-race [data-key=steps]', 'Enter');
      // The message under a box, found as screen readers find it: through the box's aria-describedby.
      const message = async (key: string): Promise<string> => {
        const id = await page.getAttribute(`.view:not([hidden]) [data-key="${key}"]`, 'aria-describedby');
        return (await page.textContent(`#${id!}`)) ?? '';
      };
      expect(await message('steps')).toBe('9999 is too large; type a whole number from 1 to 5000');
      expect(await stateAt(page, 'race.steps')).toBe(300);
      await page.fill('#view-race [data-key=steps]', '2.5');
      expect(await message('steps')).toBe('2.5 is not a whole number; type a whole number from 1 to 5000'); // as you type
      await page.fill('#view-race [data-key=steps]', '');
      expect(await message('steps')).toBe('empty; type a whole number from 1 to 5000');
      await page.fill('#view-race [data-key=steps]', '250');
      await page.press('#view-race [data-key=steps]', 'Enter');
      expect(await message('steps')).toBe('');
      expect(await stateAt(page, 'race.steps')).toBe(250);
      await page.fill('#view-race [data-key="noise seed"]', '-4');
      await page.press('#view-race [data-key="noise seed"]', 'Tab');
      expect(await message('noise seed')).toBe('-4 is too small; type a whole number from 0 to 2147483648');
      await page.click('[data-testid=tab-train]');
      for (const [key, text, said] of [
        ['samples', '5', '5 is too small; type a whole number from 20 to 2000'],
        ['noise', '1.5', '1.5 is too large; type a number from 0 to 1'],
        ['batch (0 = all)', '-1', '-1 is too small; type a whole number from 0 to 2000'],
      ] as const) {
        await page.fill(`#view-train [data-key="${key}"]`, text);
        await page.press(`#view-train [data-key="${key}"]`, 'Enter');
        expect(await message(key)).toBe(said);
        expect(await page.getAttribute(`#view-train [data-key="${key}"]`, 'aria-invalid')).toBe('true');
      }
      expect(await stateAt(page, 'train.n')).toBe(200);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );
}
