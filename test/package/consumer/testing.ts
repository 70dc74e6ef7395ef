// (h) A strict TypeScript project using the three testing entries: their .d.ts resolve, and the matchers'
// types reach vitest's `expect` through the one import of gradlab/testing/vitest.
import 'gradlab/testing/vitest';
import fc from 'fast-check';
import { MLP, randn, type Tensor } from 'gradlab';
import { assertClose, checkModel, formatModelReport, matchers, type ModelReport, type ShapePattern } from 'gradlab/testing';
import { labels, tensors } from 'gradlab/testing/arbitraries';
import { expect } from 'vitest';

const x: Tensor = randn([8, 2], { seed: 1 });
const pattern: ShapePattern = ['batch', 2];
expect(x).toHaveShape(pattern);
expect(x).toBeCloseToTensor(x, { rtol: 0, atol: 0 });
expect(new MLP([2, 4, 2], { seed: 1 })).toPassModelChecks(x, [0, 1, 0, 1, 0, 1, 0, 1], { skip: ['overfits'] });
// @ts-expect-error toHaveShape takes a pattern, not a number: the matchers' types are real, not `any`
expect(x).toHaveShape(2);
const report: ModelReport = checkModel(new MLP([2, 4, 2], { seed: 1 }), x, [0, 1, 0, 1, 0, 1, 0, 1]);
const text: string = formatModelReport(report);
assertClose(x, x);
const ys: fc.Arbitrary<Int32Array> = labels(8, 2);
const ts: fc.Arbitrary<Tensor> = tensors([2, 3]);
const pass: boolean = matchers.toHaveShape(x, [8, 2]).pass;
export { text, ys, ts, pass };
