// Every test runs as code using `import 'gradlab'` in Node does: with the Node adapters registered
// (WebAssembly kernels and their helper thread, checkpoints as files, progress on stdout). Tests of
// the bare core (test/core/) check what happens without them in a bundle or a browser instead.
import '../../src/node/index.ts';
// A test that mocks node:fs must import the code under test after vi.resetModules(): the copies
// loaded here already hold the real fs (see test/checkpoint/checkpoint.test.ts, test/nn/serialize.test.ts).
