import type { Tensor } from '../tensor/tensor.ts';
import type { BatchNorm1d, LayerNorm } from '../nn/normalization.ts';
import type { GraphBuilder } from './graph.ts';

// The ONNX form of the normalization layers in inference, at the exporter's opset 13 (read by every
// ONNX Runtime since 1.6). `at` names a layer's tensors (`layers.1.weight`), `node` its nodes (`layers.1/Sub`).

type Names = { at: (name: string) => string; node: (op: string) => string };

/**
 * LayerNorm as the decomposition gradlab computes, in the same order of roundings: c = x − mean(x),
 * y = c / √(mean(c·c) + eps) · weight + bias, means over the last axis. (ONNX's LayerNormalization op
 * needs opset 17, which older runtimes cannot read.)
 */
export function emitLayerNorm(layer: LayerNorm, x: string, g: GraphBuilder, names: Names, output?: string): string {
  const { at, node } = names;
  const mean = (input: string, op: string): string => g.node(node(op), 'ReduceMean', [input], { ints: { axes: [-1], keepdims: 1 } });
  const centered = g.node(node('Sub'), 'Sub', [x, mean(x, 'ReduceMean')]);
  const variance = mean(g.node(node('Square'), 'Mul', [centered, centered]), 'ReduceMeanSquare');
  const std = g.node(node('Sqrt'), 'Sqrt', [g.node(node('AddEps'), 'Add', [variance, g.constant(at('eps'), [], [layer.eps])])]);
  const normalized = g.node(node('Div'), 'Div', [centered, std]);
  const scaled = g.node(node('Mul'), 'Mul', [normalized, constantOf(g, at('weight'), layer.weight)]);
  return g.node(node('Add'), 'Add', [scaled, constantOf(g, at('bias'), layer.bias)], { output });
}

/**
 * BatchNorm1d in evaluation mode, as ONNX's BatchNormalization with the running statistics:
 * y = (x − running_mean) / √(running_var + eps) · weight + bias. ONNX stores epsilon as a float32
 * attribute, so eps = 1e-5 becomes 9.99999975e-6: a change of about 1e-13 relative in the output.
 */
export function emitBatchNorm(layer: BatchNorm1d, x: string, g: GraphBuilder, names: Names, output?: string): string {
  const { at, node } = names;
  const inputs = [
    x,
    constantOf(g, at('weight'), layer.weight),
    constantOf(g, at('bias'), layer.bias),
    constantOf(g, at('running_mean'), layer.runningMean),
    constantOf(g, at('running_var'), layer.runningVar),
  ];
  return g.node(node('BatchNormalization'), 'BatchNormalization', inputs, { output, floats: { epsilon: layer.eps } });
}

function constantOf(g: GraphBuilder, name: string, t: Tensor): string {
  return g.constant(name, t.shape, t.data);
}
