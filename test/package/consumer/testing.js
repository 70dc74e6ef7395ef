// (h) Plain Node imports the testing kit's two runner-free entries: gradlab/testing and gradlab/testing/arbitraries
// (fast-check, its optional peer, installed by the project).
import fc from 'fast-check';
import { Linear, MLP, Tensor, tensor } from 'gradlab';
import { AssertionError, assertClose, assertShape, checkModel } from 'gradlab/testing';
import { broadcastableShapes, buildGraph, graphSpec, labels, shapes, tensors } from 'gradlab/testing/arbitraries';

/** The error an assertion throws, as a plain object. */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return { isAssertionError: e instanceof AssertionError, name: e.name, message: e.message, actual: e.actual, expected: e.expected };
  }
  return null;
}

const x = tensor([
  [-1, -1],
  [-1.5, -0.5],
  [1, 1],
  [0.5, 1.5],
  [-1, -2],
  [2, 1],
  [-2, -1],
  [1, 2],
]);
const y = [0, 0, 1, 1, 0, 1, 0, 1];
const model = new MLP([2, 8, 2], { seed: 1 });
const report = checkModel(model, x, y, { factory: (seed) => new MLP([2, 8, 2], { seed }) });
// A correct Linear with an extra parameter forward never uses: gradientsFlow names it.
class Unused extends Linear {
  extra = new Tensor(new Float64Array(2), [2], true);
}
const unused = checkModel(new Unused(2, 2, { seed: 1 }), x, y, { skip: ['overfits', 'usesInput', 'initialLoss'] });
const [graph] = fc.sample(graphSpec, { seed: 1, numRuns: 1 });

console.log(
  JSON.stringify({
    close: thrown(() => assertClose(tensor([1, 2]), tensor([1, 2.5]))),
    shape: thrown(() => assertShape(x, ['n', 3], { name: 'x' })),
    report: report.checks.map((c) => [c.name, c.passed]),
    unused: unused.checks.filter((c) => !c.passed).map((c) => c.message),
    shapes: fc.sample(shapes({ maxRank: 2, maxSize: 3 }), { seed: 1, numRuns: 20 }),
    broadcast: fc.sample(broadcastableShapes(2), { seed: 1, numRuns: 20 }),
    tensors: fc.sample(tensors([3]), { seed: 1, numRuns: 20 }).map((t) => Array.from(t.data)),
    labels: fc.sample(labels(4, 2), { seed: 1, numRuns: 20 }).map((l) => Array.from(l)),
    graph: buildGraph(graph).evaluate().shape,
  }),
);
