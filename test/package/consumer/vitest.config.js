// The consumer's vitest setup: one entry in setupFiles registers gradlab's matchers.
export default { test: { setupFiles: ['gradlab/testing/vitest'] } };
