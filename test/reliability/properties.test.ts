import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, debugMode, formatGradcheckReport, gradcheck } from '../../src/tensor/index.ts';
import { buildGraph, graphSpec, leafShape, type GraphSpec } from '../../src/testing/arbitraries/index.ts';

/** Fixed seed: the same graphs every run, so a failure reproduces; fast-check prints the shrunk spec. */
const RUNS = { seed: 20240611, numRuns: 200 };

const show = (spec: GraphSpec): string => JSON.stringify(spec);

/** Gradients of Σ rᵢ·outᵢ for a fixed r, as flat arrays per input (null where none flowed). */
function gradients(spec: GraphSpec): { out: number[]; grads: (number[] | null)[] } {
  const { inputs, evaluate } = buildGraph(spec);
  const out = evaluate();
  const r = out.data.map((_, i) => Math.sin(i + 1));
  const root = out.mul(new Tensor(r, out.shape)).sum();
  root.backward();
  return { out: Array.from(out.data), grads: inputs.map((x) => (x.grad ? Array.from(x.grad.data) : null)) };
}

describe('random expression graphs over the ops, with broadcasting', () => {
  it('autograd agrees with central finite differences for every input', () => {
    fc.assert(
      fc.property(graphSpec, (spec) => {
        const { inputs, evaluate } = buildGraph(spec);
        const report = gradcheck(() => evaluate(), inputs, { atol: 1e-6, rtol: 1e-5 });
        if (!report.passed) throw new Error(`gradcheck failed for ${show(spec)}:\n${formatGradcheckReport(report)}`);
      }),
      RUNS,
    );
  });

  it('backward never throws and produces finite gradients of the right shape (debug checks on)', () => {
    fc.assert(
      fc.property(graphSpec, (spec) => {
        debugMode(() => {
          const { inputs, evaluate } = buildGraph(spec);
          const out = evaluate();
          expect(out.data.every(Number.isFinite)).toBe(true);
          out.sum().backward(); // NonFiniteError here would name the op
          inputs.forEach((x) => {
            if (x.grad) expect(x.grad.shape).toEqual(x.shape);
          });
          spec.leaves.forEach((_, i) => expect(inputs[i]!.shape).toEqual(leafShape(spec, i)));
        });
      }),
      RUNS,
    );
  });

  it('is deterministic: the same graph gives bit-identical outputs and gradients, with or without debug checks', () => {
    fc.assert(
      fc.property(graphSpec, (spec) => {
        const first = gradients(spec);
        expect(gradients(spec)).toEqual(first);
        expect(debugMode(() => gradients(spec))).toEqual(first);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});

describe('the generator covers what it claims', () => {
  it('draws every op kind, broadcasting leaves and reused leaves', () => {
    const kinds = new Set<string>();
    let broadcasting = 0,
      reused = 0;
    for (const spec of fc.sample(graphSpec, { seed: RUNS.seed, numRuns: RUNS.numRuns })) {
      const used: number[] = [];
      const walk = (n: GraphSpec['root']): void => {
        kinds.add(
          n.kind === 'leaf'
            ? `leaf:${n.wrap}`
            : n.kind === 'unary' || n.kind === 'binary' || n.kind === 'reduce' || n.kind === 'softmax'
              ? n.op
              : `linear:${n.side}`,
        );
        if (n.kind === 'leaf') used.push(n.index);
        else if (n.kind === 'binary') {
          walk(n.a);
          walk(n.b);
        } else walk(n.x);
      };
      walk(spec.root);
      if (new Set(used).size < used.length) reused++;
      if (used.some((i) => leafShape(spec, i).join() !== spec.shape.join())) broadcasting++;
    }
    expect([...kinds].sort()).toEqual(
      [
        'add',
        'affine',
        'expTanh',
        'leaf:abs',
        'leaf:none',
        'leaf:relu',
        'linear:left',
        'linear:right',
        'logSigmoid',
        'logSoftmax',
        'logSquarePlus1',
        'max',
        'mean',
        'mul',
        'neg',
        'powNeg',
        'sigmoid',
        'softmax',
        'sqrtSquarePlus1',
        'square',
        'sub',
        'safeDiv',
        'sum',
        'tanh',
      ].sort(),
    );
    expect(broadcasting).toBeGreaterThan(RUNS.numRuns / 4);
    expect(reused).toBeGreaterThan(RUNS.numRuns / 10);
  });
});
