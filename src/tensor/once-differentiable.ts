import { Tensor, type BackwardFn, type Gradient } from './tensor.ts';
import { formatShape } from './shape.ts';

/**
 * A `Tensor.fromOp` backward as a `Gradient`. Its arrays are computed outside the graph, so with
 * `createGraph` each result is recorded as an op of the incoming gradient and the op's inputs whose
 * own gradient throws, naming the op: the first derivative works, a second one fails clearly
 * instead of silently giving zero (PyTorch's once_differentiable).
 */
export function onceDifferentiable(op: string, backwardFn: BackwardFn): Gradient {
  const secondOrder: Gradient = () => {
    throw new Error(
      `${op}: cannot differentiate its gradient: it was written with Tensor.fromOp, whose backward works on Float64Arrays and is ` +
        `differentiable once; write it with Tensor.fromGradientOp (a gradient built from tensor ops) for second derivatives`,
    );
  };
  return (g, inputs) => {
    const raw = backwardFn(g.data);
    return inputs.map((x, i) => {
      const r = raw[i];
      if (r === undefined || r === null) return null;
      if (r.length !== x.size) {
        throw new RangeError(
          `${op} (backward): the gradient for input ${i} has ${r.length} elements but the input has shape ${formatShape(x.shape)} (${x.size} elements)`,
        );
      }
      return Tensor.fromGradientOp(`${op} (backward)`, r, x.shape, [g, ...inputs], secondOrder);
    });
  };
}
