// (e) The browser bundle: `import 'gradlab'` gives the core. The TypeScript kernels run first, then
// the WebAssembly ones once initKernels has fetched them; both runs must match Node's.
import * as gradlab from 'gradlab';
import { trainMoons } from './shared.js';

try {
  const typescript = trainMoons(gradlab);
  const before = gradlab.kernelStatus();
  const status = await gradlab.initKernels({ matmul: '/kernels.wasm', adam: '/adam.wasm' });
  const wasm = trainMoons(gradlab);
  window.result = { typescript, wasm, before, status, isolated: self.crossOriginIsolated === true };
} catch (error) {
  window.result = { error: String(error && error.stack ? error.stack : error) };
}
