import type { Tensor } from './tensor.ts';

/**
 * A first-order backward over raw arrays (`Tensor.fromOp`): receives d(root)/d(output) and returns
 * d(root)/d(parent) for each parent, in the parent's shape (null where none flows).
 */
export type BackwardFn = (grad: Float64Array) => readonly (Float64Array | null)[];

/**
 * An op's local gradient, written with tensor ops (`Tensor.fromGradientOp`, and every built-in op):
 * given g = d(root)/d(out), returns d(root)/d(input) for each input, or null where none flows. An
 * entry may be a function, called only when that input needs a gradient. A gradient may keep the
 * output's shape: the engine sums it down to the input's shape (undoing broadcasting) once.
 * Read inputs and the output through the arguments, not from the forward's scope: the engine hands
 * them over (and refuses once the graph is released).
 */
export type Gradient = (g: Tensor, inputs: readonly Tensor[], out: Tensor) => readonly (Tensor | (() => Tensor) | null)[];
