import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the built site works from any folder of any static file server.
  base: './',
  resolve: {
    // The page imports `gradlab` as any user's page would; in this repository that is the
    // platform-free core's source (the package's `browser` export points at its build).
    alias: [{ find: /^gradlab$/, replacement: here('../src/core.ts') }],
  },
  server: { host: '127.0.0.1', port: 5173 },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
    // The kernels stay separate .wasm files (fetched by initKernels), not base64 inside the JavaScript.
    assetsInlineLimit: (file: string) => (file.endsWith('.wasm') ? false : undefined),
  },
});
