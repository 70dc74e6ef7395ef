import type { Tensor } from './tensor.ts';

const MAX_ELEMENTS = 1000;
const EDGE = 3;

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4)) return v.toExponential(4);
  return v.toFixed(4);
}

/** PyTorch-like printing: `tensor([[1.0000, 2.0000], ...], requiresGrad=true)`; large tensors are summarised with `...`. */
export function formatTensor(t: Tensor): string {
  const summarise = t.size > MAX_ELEMENTS;
  const strs = Array.from(t.data, formatNumber);
  const width = strs.reduce((w, s) => Math.max(w, s.length), 0);
  const pad = (s: string): string => s.padStart(width);
  const strides: number[] = [];
  let s = 1;
  for (let i = t.ndim - 1; i >= 0; i--) {
    strides[i] = s;
    s *= t.shape[i]!;
  }
  const indent = 'tensor('.length;
  const build = (dim: number, offset: number): string => {
    const n = t.shape[dim]!;
    const idx = summarise && n > 2 * EDGE ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
    if (dim === t.ndim - 1) {
      return `[${idx.map((i) => (i === -1 ? '...' : pad(strs[offset + i]!))).join(', ')}]`;
    }
    const sep = ',' + '\n'.repeat(t.ndim - dim - 1) + ' '.repeat(indent + dim + 1);
    return `[${idx.map((i) => (i === -1 ? '...' : build(dim + 1, offset + i * strides[dim]!))).join(sep)}]`;
  };
  const body = t.ndim === 0 ? formatNumber(t.data[0]!) : build(0, 0);
  const extras = [summarise ? `shape=[${t.shape.join(', ')}]` : '', t.requiresGrad ? 'requiresGrad=true' : ''].filter(Boolean);
  return `tensor(${body}${extras.length ? ', ' + extras.join(', ') : ''})`;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}

export type NestedArray = (number | NestedArray)[];

/** The values as nested arrays, one level per dimension (a number for a scalar). */
export function nestedArray(t: Tensor): number | NestedArray {
  if (t.ndim === 0) return t.data[0]!;
  const build = (dim: number, offset: number, stride: number): NestedArray => {
    const n = t.shape[dim]!;
    const inner = stride / n;
    const out: NestedArray = [];
    for (let i = 0; i < n; i++) out.push(dim === t.ndim - 1 ? t.data[offset + i]! : build(dim + 1, offset + i * inner, inner));
    return out;
  };
  return build(0, 0, t.size);
}
