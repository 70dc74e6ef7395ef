import type { Module } from '../nn/module.ts';
import { Activation, Linear, Sequential } from '../nn/layers.ts';
import { MLP } from '../nn/mlp.ts';
import { LogisticRegression } from '../nn/logistic.ts';
import { Dropout } from '../nn/dropout.ts';
import { BatchNorm1d, LayerNorm } from '../nn/normalization.ts';
import { emitBatchNorm, emitLayerNorm } from './normalization.ts';
import type { StandardScaler, StandardScalerState } from '../data/scaler.ts';
import { DATA_TYPE, encodeModel, type ValueInfoMessage } from './encode.ts';
import { GraphBuilder, type OnnxElementType } from './graph.ts';

/** ONNX IR version 7 and default-domain opset 13: read by every ONNX Runtime since 1.6 and by onnx ≥ 1.8. */
export const ONNX_IR_VERSION = 7;
export const ONNX_OPSET = 13;
export const INPUT_NAME = 'features';
export const OUTPUT_NAMES = ['logits', 'probabilities'] as const;

export interface OnnxExportOptions {
  /** 'float64' (default) computes exactly as gradlab does; 'float32' halves the file and runs faster, to ~1e-6. */
  elementType?: OnnxElementType;
  /** A fitted scaler folded in as the first nodes, (x − μ) / σ, so the exported model takes raw features. */
  scaler?: StandardScaler | StandardScalerState;
  /** Stored in the metadata as `class_names` (a JSON array), one per probability column. */
  classNames?: readonly string[];
  /** Stored in the metadata as `feature_names` (a JSON array), one per input column. */
  featureNames?: readonly string[];
  /** Extra metadata_props entries (string → string). */
  metadata?: Record<string, string>;
  /** Written as the model's producer_version (the CLI passes gradlab's version). */
  producerVersion?: string;
}

const SUPPORTED = 'Linear, Activation (relu, tanh, sigmoid), LayerNorm, BatchNorm1d, Dropout, Sequential, MLP, LogisticRegression';
const ACTIVATION_OPS = { relu: 'Relu', tanh: 'Tanh', sigmoid: 'Sigmoid' } as const;

/**
 * The model as an ONNX file (bytes of a ModelProto). Input `features` [batch, F] (batch is dynamic);
 * outputs `logits` [batch, C] (what `model.forward` returns) and `probabilities` [batch, K], equal to
 * gradlab's `predictProba`: softmax over the logits, or [1 − σ(z), σ(z)] for a single logit (K = 2).
 * Layers map to MatMul + Add (Linear), Relu / Tanh / Sigmoid, LayerNorm's decomposition, BatchNormalization
 * (BatchNorm1d with its running statistics) and nothing (Dropout): the model as it predicts in evaluation
 * mode. Any other module is an error that names it by its path (e.g. `layers.2`).
 */
export function toOnnx(model: Module, options: OnnxExportOptions = {}): Uint8Array {
  const elementType = options.elementType ?? 'float64';
  // Checked at run time too: JavaScript callers are not held to the type.
  if (!(['float64', 'float32'] as string[]).includes(elementType))
    throw new RangeError(`toOnnx: elementType must be 'float64' or 'float32', got ${JSON.stringify(elementType)}`);
  const widths = layerWidths(model);
  const scaler = scalerState(options.scaler);
  const features = widths?.in ?? scaler?.mean.length ?? options.featureNames?.length;
  if (features === undefined)
    throw new Error('toOnnx: the model has no Linear layer, so its input width is unknown; pass featureNames or a scaler');
  const g = new GraphBuilder(elementType);
  let x: string = INPUT_NAME;
  if (scaler) {
    if (scaler.mean.length !== features)
      throw new RangeError(`toOnnx: the scaler was fitted on ${scaler.mean.length} features but the model takes ${features}`);
    // Sub then Div (not Mul by 1/σ), the same two roundings as StandardScaler.transform.
    x = g.node('scaler/Sub', 'Sub', [x, g.constant('scaler.mean', [features], scaler.mean)]);
    x = g.node('scaler/Div', 'Div', [x, g.constant('scaler.scale', [features], scaler.scale)]);
  }
  const logits = emit(model, '', x, g, 'logits');
  const columns = widths?.out ?? features;
  const classes = columns === 1 ? 2 : columns;
  if (columns === 1) binaryProbabilities(g, logits);
  else g.node('head/Softmax', 'Softmax', [logits], { output: 'probabilities', ints: { axis: -1 } });
  checkNames('featureNames', options.featureNames, features, 'input columns');
  checkNames('classNames', options.classNames, classes, 'classes');
  const elem = DATA_TYPE[elementType];
  const metadata: Record<string, string> = {
    feature_names: JSON.stringify(options.featureNames ?? Array.from({ length: features }, (_, i) => `x${i}`)),
    class_names: JSON.stringify(options.classNames ?? Array.from({ length: classes }, (_, k) => String(k))),
    input_scaling: scaler
      ? 'standardised inside the model: (x - scaler.mean) / scaler.scale'
      : 'none: the model takes features as they were given to it in training',
    ...options.metadata,
  };
  return encodeModel({
    ir_version: ONNX_IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'gradlab',
    producer_version: options.producerVersion ?? '',
    doc_string: `${model.constructor.name} exported by gradlab: ${INPUT_NAME} [batch, ${features}] → logits [batch, ${columns}], probabilities [batch, ${classes}] (${elementType})`,
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: model.constructor.name,
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo(INPUT_NAME, elem, features, 'raw feature rows, one per sample')],
      output: [
        valueInfo('logits', elem, columns, 'the model output (before softmax / sigmoid)'),
        valueInfo('probabilities', elem, classes, 'class probabilities; each row sums to 1'),
      ],
    },
  });
}

/** Adds the nodes of `module` reading `x`; returns the name of its output (`output` for the last one). */
function emit(module: Module, path: string, x: string, g: GraphBuilder, output?: string): string {
  const at = (name: string): string => (path === '' ? name : `${path}.${name}`);
  const nodeName = (op: string): string => `${path === '' ? 'model' : path}/${op}`;
  // Exact classes only: a subclass may override forward, which the mapping could not know.
  const kind = module.constructor;
  if (module instanceof Linear && kind === Linear) {
    const linear = module;
    const w = g.constant(at('weight'), [linear.inFeatures, linear.outFeatures], linear.weight.data);
    if (!linear.bias) return g.node(nodeName('MatMul'), 'MatMul', [x, w], { output });
    const y = g.node(nodeName('MatMul'), 'MatMul', [x, w]);
    return g.node(nodeName('Add'), 'Add', [y, g.constant(at('bias'), [linear.outFeatures], linear.bias.data)], { output });
  }
  if (module instanceof Activation && kind === Activation)
    return g.node(nodeName(ACTIVATION_OPS[module.kind]), ACTIVATION_OPS[module.kind], [x], { output });
  // Inference: dropout is the identity, BatchNorm1d uses its running statistics.
  if (module instanceof Dropout && kind === Dropout)
    return output === undefined ? x : g.node(nodeName('Identity'), 'Identity', [x], { output });
  if (module instanceof LayerNorm && kind === LayerNorm) return emitLayerNorm(module, x, g, { at, node: nodeName }, output);
  if (module instanceof BatchNorm1d && kind === BatchNorm1d) return emitBatchNorm(module, x, g, { at, node: nodeName }, output);
  if (module instanceof LogisticRegression && kind === LogisticRegression) return emit(module.linear, at('linear'), x, g, output);
  if (module instanceof Sequential && (kind === Sequential || kind === MLP)) {
    const layers = module.layers;
    if (layers.length === 0) return g.node(nodeName('Identity'), 'Identity', [x], { output });
    layers.forEach((layer, i) => (x = emit(layer, at(`layers.${i}`), x, g, i === layers.length - 1 ? output : undefined)));
    return x;
  }
  throw new Error(
    `toOnnx: ${path === '' ? 'the model' : `layer "${path}"`} is a ${kind.name}, which has no ONNX mapping; supported: ${SUPPORTED}`,
  );
}

/**
 * [1 − p, p] with p = σ(z) computed as gradlab's sigmoid does: 1 / (1 + e) for z ≥ 0 and e / (1 + e)
 * for z < 0, with e = exp(−|z|). (ONNX's Sigmoid op may use 1 − 1/(1 + eᶻ) for z < 0, which loses
 * the relative precision of small probabilities that this form keeps.)
 */
function binaryProbabilities(g: GraphBuilder, z: string): void {
  const one = g.constant('head.one', [], [1]);
  const e = g.node('head/Exp', 'Exp', [g.node('head/Neg', 'Neg', [g.node('head/Abs', 'Abs', [z])])]);
  const d = g.node('head/Add', 'Add', [one, e]);
  const pos = g.node('head/DivPositive', 'Div', [one, d]);
  const neg = g.node('head/DivNegative', 'Div', [e, d]);
  const nonNegative = g.node('head/GreaterOrEqual', 'GreaterOrEqual', [z, g.constant('head.zero', [], [0])]);
  const p = g.node('head/Where', 'Where', [nonNegative, pos, neg]);
  g.node('head/Concat', 'Concat', [g.node('head/Sub', 'Sub', [one, p]), p], { output: 'probabilities', ints: { axis: 1 } });
}

/** Input and output widths of the model (from its first and last Linear), or null without one. */
function layerWidths(module: Module): { in: number; out: number } | null {
  if (module instanceof Linear) return { in: module.inFeatures, out: module.outFeatures };
  if (module instanceof LogisticRegression) return layerWidths(module.linear);
  if (module instanceof Sequential) {
    const widths = module.layers.map((l) => layerWidths(l)).filter((w) => w !== null);
    if (widths.length === 0) return null;
    return { in: widths[0]!.in, out: widths[widths.length - 1]!.out };
  }
  return null;
}

function scalerState(scaler: StandardScaler | StandardScalerState | undefined): StandardScalerState | undefined {
  if (scaler === undefined) return undefined;
  if ('toJSON' in scaler && typeof scaler.toJSON === 'function') return scaler.toJSON();
  return scaler as StandardScalerState;
}

function checkNames(option: string, names: readonly string[] | undefined, expected: number, what: string): void {
  if (names !== undefined && names.length !== expected)
    throw new RangeError(`toOnnx: ${option} has ${names.length} names but the model has ${expected} ${what}`);
}

function valueInfo(name: string, elemType: number, width: number, doc: string): ValueInfoMessage {
  return {
    name,
    doc_string: doc,
    type: { tensor_type: { elem_type: elemType, shape: { dim: [{ dim_param: 'batch' }, { dim_value: width }] } } },
  };
}
