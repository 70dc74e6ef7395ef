// The import rules of src/, run by `npm test` (npm run lint:imports). Imports run one way, lowest layer first:
//
//   util, platform → tensor → nn, optim, data → checkpoint → train → viz, onnx, testing → inspect → node, kernels → cli, core → index
//
// A file may import its own folder and any layer below its own; never a layer above it, and never a folder
// beside it in its own layer (nn, optim and data know nothing of each other). Type-only imports count too: a
// circle of types is still a circle. A violation fails CI with the rule's name, the files and the reason, e.g.
//
//   error layer-tensor: src/tensor/kernels/init.ts → src/optim/adam-wasm.ts
//     src/tensor/ may import only its own folder and the layers below it (src/util/, src/platform.ts); this
//     import runs up or sideways. The layers are listed in .dependency-cruiser.js.
//
// Why this order: checkpoints store models, optimizers and the run's history record, and `fit` saves and
// resumes through them, so the checkpoint layer sits under train; inspect draws with viz and traces through
// train, so it sits above both.

/** The layers, lowest first; the parts of one layer may not import each other. A path ending in / is a folder. README's "Architecture" draws them (test/architecture.test.ts keeps the two in step). */
export const LAYERS = [
  { util: ['src/util/', 'src/platform.ts'] },
  { tensor: ['src/tensor/'] },
  { nn: ['src/nn/'], optim: ['src/optim/'], data: ['src/data/'] },
  { checkpoint: ['src/checkpoint/'] },
  { train: ['src/train/'] },
  // gradlab/testing (its own package entry): the model checks train, so it sits above train, beside viz and onnx.
  { viz: ['src/viz/'], onnx: ['src/onnx/'], testing: ['src/testing/'] },
  { inspect: ['src/inspect/'] },
  // The adapters, registered from outside the layers they serve: Node's (files, the terminal, worker threads) and
  // the browsers' loader of the WebAssembly kernels, which installs them into the tensor and optimizer layers.
  { node: ['src/node/'], kernels: ['src/kernels.ts'] },
  // The command line, and the platform-free API (what browsers get); then the Node entry, the core plus the adapters.
  { cli: ['src/cli/'], core: ['src/core.ts'] },
  { index: ['src/index.ts'] },
];

const pattern = (path) => `^${path.replaceAll('.', '\\.')}${path.endsWith('/') ? '' : '$'}`;

const layerRules = LAYERS.flatMap((layer, rank) =>
  Object.entries(layer).flatMap(([name, paths]) => {
    const aboveOrBeside = LAYERS.slice(rank)
      .flatMap((l) => Object.values(l).flat())
      .filter((p) => !paths.includes(p));
    if (aboveOrBeside.length === 0) return []; // the top: it may import anything
    const below = LAYERS.slice(0, rank).flatMap((l) => Object.values(l).flat());
    return {
      name: `layer-${name}`,
      severity: 'error',
      comment: `${paths.join(' and ')} may import only its own folder and the layers below it (${below.join(', ')}); this import runs up or sideways. The layers are listed in .dependency-cruiser.js.`,
      from: { path: paths.map(pattern) },
      to: { path: aboveOrBeside.map(pattern) },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      severity: 'error',
      // The one circle tolerated: inside src/tensor, Tensor's methods call the ops and the ops construct Tensors
      // (the micrograd and PyTorch shape; the comment at the top of src/tensor/tensor.ts says why it stays). Any circle
      // that leaves src/tensor, or lies elsewhere, fails.
      comment: 'These files import each other in a circle; move what both need into a lower file, or pass it in from above.',
      from: {},
      to: { circular: true, via: { pathNot: '^src/tensor/' } },
    },
    {
      name: 'src-stands-alone',
      severity: 'error',
      comment: 'The library must not import tests, examples, benchmarks, scripts or the playground.',
      from: { path: '^src/' },
      to: { path: '^(test|examples|bench|scripts|playground)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // AssemblyScript kernel sources (compiled to .wasm; they import nothing of gradlab).
    exclude: { path: '\\.as\\.ts$' },
    // Count `import type` as an import: a circle of types is still a circle between the files.
    tsPreCompilationDeps: true,
  },
};
