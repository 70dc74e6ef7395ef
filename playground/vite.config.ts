import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const core = here('../src/core.ts');
// Until the platform-free core (src/core.ts) exists, the page runs on the Node entry with the few
// node: modules it touches stubbed out (no WebAssembly kernels, no worker threads).
const preCore = !existsSync(core);

export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the built site works from any folder of any static file server.
  base: './',
  resolve: {
    conditions: ['browser'],
    alias: [
      { find: /^gradlab$/, replacement: preCore ? here('./src/pre-core.ts') : core },
      // csv-parse's own browser build (it bundles the Buffer it needs).
      { find: /^csv-parse\/sync$/, replacement: 'csv-parse/browser/esm/sync' },
      ...(preCore ? [{ find: /^node:(fs|os|worker_threads|path|url|module|zlib)$/, replacement: here('./src/pre-core-stub.ts') }] : []),
    ],
  },
  define: preCore ? { 'process.env': '{}', 'process.platform': '"browser"' } : {},
  server: { host: '127.0.0.1', port: 5173 },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
});
