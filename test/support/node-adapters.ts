// Every test runs as code using `import 'gradlab'` in Node does: with the Node adapters registered
// (WebAssembly kernels and their helper thread, checkpoints as files, progress on stdout). Tests of
// the bare core (test/core/) check what happens without them in a bundle or a browser instead.
import '../../src/node/index.ts';
