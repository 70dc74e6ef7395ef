import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SummaryLineReporter } from './test/support/summary-reporter.ts';

export default defineConfig({
  // As tsconfig's paths: inside this repository `gradlab` is the sources' Node entry (the playground's
  // modules, tested in Node, import it like a user would).
  resolve: { alias: [{ find: /^gradlab$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  test: {
    include: ['test/**/*.test.ts'],
    // The consumer project's own test: run by test/package/consumer.test.ts inside that project.
    exclude: ['test/package/consumer/**', 'node_modules/**'],
    setupFiles: ['test/support/node-adapters.ts'],
    testTimeout: 60_000,
    // Two cores on CI: keep workers at two so heavy training tests do not starve each other.
    maxWorkers: 2,
    reporters: ['default', new SummaryLineReporter()],
  },
});
