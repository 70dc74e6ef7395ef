// gradlab/testing/vitest: one import registers gradlab's matchers, as @testing-library/jest-dom/vitest does.
//
//     // vitest.config.ts: test: { setupFiles: ['gradlab/testing/vitest'] }
//     expect(model).toPassModelChecks(x, y);
//
// vitest is an optional peer dependency: only this entry imports it.
import { expect } from 'vitest';
import { matchers, type GradlabMatchers } from './matchers.ts';

expect.extend(matchers);

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type -- vitest's own declaration has this shape
  interface Matchers<T = any> extends GradlabMatchers<T> {}
}

export { matchers, type GradlabMatchers };
