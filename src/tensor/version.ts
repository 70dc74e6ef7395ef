import type { Tensor } from './tensor.ts';
import { formatShape } from './shape.ts';

/**
 * Version counters, as PyTorch's: every in-place write gradlab makes (an optimizer step,
 * `loadStateDict`, a resume, `zeroGrad`, gradient accumulation) counts one write of the tensor, and
 * an op records the versions of the values its gradient will read. `backward` compares them (one
 * integer per saved tensor) and refuses a graph whose saved values changed since the forward pass,
 * instead of computing a gradient from values the forward pass never saw.
 */

/** In a `saves` declaration, the bit for the op's output. */
export const SAVES_OUTPUT = 1 << 30;

/**
 * Which values an op's gradient reads, per input: bit j for input j, `SAVES_OUTPUT` for the output.
 * Entry i describes the gradient for input i, so a value is saved only when an input whose gradient
 * reads it requires grad (x·w with data x saves x, not w, as PyTorch). Undefined: every input and
 * the output (safe for any op).
 */
export type Saves = readonly number[];

/** The gradient reads nothing (add, reshape, sum…). */
export const SAVES_NOTHING: Saves = [];
/** Each input's gradient reads the other input (mul, matmul). */
export const SAVES_OTHER: Saves = [0b10, 0b01];

/** The tensor whose writes `t`'s data shares (a view's base, or `t` itself). */
function base(t: Tensor): Tensor {
  return t.viewOf ?? t;
}

/**
 * Counts an in-place write of `tensor`'s data (PyTorch's `torch.autograd.graph.increment_version`):
 * call it after writing `.data` yourself, so graphs that saved the old values refuse to backpropagate.
 * `by` names the writer in the error (e.g. 'myOptimizer.step()').
 */
export function incrementVersion(tensor: Tensor, by = 'a write into .data'): void {
  const b = base(tensor);
  b.writes++;
  b.lastWriter = by;
}

/** Records the versions (and, in debug mode, checksums) of the values `node`'s gradient reads. */
export function recordSaved(node: Tensor, inputs: readonly Tensor[], saves: Saves | undefined, checksums: boolean): void {
  let mask = 0;
  if (saves === undefined) mask = -1;
  else for (let i = 0; i < inputs.length; i++) if (inputs[i]!.requiresGrad) mask |= saves[i] ?? 0;
  if (mask === 0) return;
  const n = inputs.length;
  const versions = new Array<number>(n + 1);
  for (let i = 0; i < n; i++) versions[i] = (mask & (1 << i)) !== 0 || mask === -1 || i >= 30 ? base(inputs[i]!).writes : -1;
  versions[n] = (mask & SAVES_OUTPUT) !== 0 ? base(node).writes : -1;
  node.savedVersions = versions;
  if (checksums) node.savedChecksums = versions.map((v, i) => (v < 0 ? 0 : checksum((inputs[i] ?? node).data)));
}

/** A 32-bit hash of the values' bits (debug mode): any raw write into `.data` changes it, but for a 2⁻³² chance. */
function checksum(data: Float64Array): number {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * Throws, naming the op and the tensor, if a value `node` saved was written after it was recorded.
 * Everything is checked before any gradient is computed (see sweep), so a refused backward changes nothing.
 */
export function checkVersions(node: Tensor, call: string): void {
  const versions = node.savedVersions;
  if (versions === null) return;
  const n = node.parents.length;
  for (let i = 0; i <= n; i++) {
    const expected = versions[i]!;
    if (expected < 0) continue;
    const t = i < n ? node.parents[i]! : node;
    const now = base(t).writes;
    if (now !== expected)
      throw modified(call, node, i, t, `is at version ${now}; expected version ${expected} instead`, base(t).lastWriter);
    const sums = node.savedChecksums;
    if (sums !== null && checksum(t.data) !== sums[i])
      throw modified(call, node, i, t, `still at version ${now}, but its values changed (checked in debug mode)`, 'a raw write into .data');
  }
}

/** Names a tensor for an error: its parameter name when a module named it, else its shape. */
const names = new WeakMap<Tensor, string>();

/** Remembers `tensor` as parameter `name` of a model, for errors (Module.namedParameters calls this). */
export function nameTensor(tensor: Tensor, name: string): void {
  names.set(tensor, name);
}

function modified(call: string, node: Tensor, i: number, t: Tensor, state: string, writer: string | null): Error {
  const role = i < node.parents.length ? `input ${i}` : 'the output';
  const name = names.get(t) ?? (t.viewOf === null ? undefined : names.get(t.viewOf));
  const what = `a tensor of shape ${formatShape(t.shape)}${name === undefined ? '' : ` (parameter "${name}")`}`;
  const shapes = node.parents.map((p) => formatShape(p.shape)).join(', ');
  return new Error(
    `${call}: one of the values needed for gradient computation has been modified by an in-place write: ${what}, ${role} of ` +
      `${node.op} (inputs ${shapes} → output ${formatShape(node.shape)}), ${state}` +
      `${writer === null ? '' : ` (last written by ${writer})`}. The gradient would use the new values, which the forward pass ` +
      'never saw: run the forward pass again after changing parameters (optimizer.step(), loadStateDict, a resume), or call backward before changing them',
  );
}
