import { describe, expect, it } from 'vitest';
import { StandardScaler } from '../../src/data/scaler.ts';
import { Activation, Linear, Sequential } from '../../src/nn/layers.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { Module } from '../../src/nn/module.ts';
import { decodeModel } from '../../src/onnx/encode.ts';
import { toOnnx } from '../../src/onnx/export.ts';
import { isGradlabOnnx } from '../../src/onnx/file-kind.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { runOnnx } from './ort.ts';

interface Decoded {
  ir_version: number;
  producer_name: string;
  opset_import: { version: number }[];
  metadata_props: { key: string; value: string }[];
  graph: {
    node: { op_type: string; name: string; input: string[]; output: string[] }[];
    initializer: { name: string; dims: number[]; data_type: number; raw_data: Uint8Array }[];
    input: { name: string; type: { tensor_type: { elem_type: number; shape: { dim: { dim_value?: number; dim_param?: string }[] } } } }[];
    output: { name: string; type: { tensor_type: { elem_type: number; shape: { dim: { dim_value?: number; dim_param?: string }[] } } } }[];
  };
}
const decode = (bytes: Uint8Array): Decoded => decodeModel(bytes) as unknown as Decoded;

describe('toOnnx', () => {
  it('writes an MLP as MatMul/Add/Relu with named input, outputs, a dynamic batch and exact float64 weights', () => {
    const model = new MLP([3, 4, 2], { seed: 5 });
    const m = decode(toOnnx(model, { producerVersion: '9.9.9' }));
    expect(m.ir_version).toBe(7);
    expect(m.opset_import[0]!.version).toBe(13);
    expect(m.producer_name).toBe('gradlab');
    expect(m.graph.node.map((n) => n.op_type)).toEqual(['MatMul', 'Add', 'Relu', 'MatMul', 'Add', 'Softmax']);
    expect(m.graph.node[0]!.name).toBe('layers.0/MatMul');
    expect(m.graph.input[0]!.name).toBe('features');
    expect(m.graph.input[0]!.type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch' }, { dim_value: 3 }]);
    expect(m.graph.output.map((o) => o.name)).toEqual(['logits', 'probabilities']);
    expect(m.graph.output.every((o) => o.type.tensor_type.elem_type === 11)).toBe(true); // DOUBLE
    const w = m.graph.initializer.find((t) => t.name === 'layers.0.weight')!;
    expect(w.dims).toEqual([3, 4]);
    const bytes = Uint8Array.from(w.raw_data);
    const values = Array.from({ length: 12 }, (_, i) => new DataView(bytes.buffer).getFloat64(i * 8, true));
    expect(values).toEqual(Array.from(model.namedParameters()[0]![1].data));
  });

  it('float32 stores FLOAT tensors rounded to single precision, half the size of the weights', () => {
    const model = new MLP([64, 32, 10], { seed: 1 });
    const f64 = toOnnx(model);
    const f32 = toOnnx(model, { elementType: 'float32' });
    const m = decode(f32);
    expect(m.graph.initializer.every((t) => t.data_type === 1)).toBe(true);
    const weightBytes = 8 * model.parameterCount();
    // Only the raw weight bytes halve (a few length prefixes shrink by a byte too).
    expect(f64.length - f32.length).toBeGreaterThanOrEqual(weightBytes / 2);
    expect(f64.length - f32.length).toBeLessThan(weightBytes / 2 + 16);
  });

  it('folds a fitted scaler in as Sub then Div and stores class and feature names as metadata', () => {
    const x = new Tensor(Float64Array.from([1, 10, 2, 20, 4, 60]), [3, 2]);
    const scaler = new StandardScaler().fit(x);
    const m = decode(
      toOnnx(new LogisticRegression(2, { classes: 3 }), {
        scaler,
        classNames: ['a', 'b', 'c'],
        featureNames: ['u', 'v'],
        metadata: { trained_on: 'toy' },
      }),
    );
    expect(m.graph.node.slice(0, 2).map((n) => `${n.name}:${n.op_type}`)).toEqual(['scaler/Sub:Sub', 'scaler/Div:Div']);
    expect(m.graph.node[0]!.input).toEqual(['features', 'scaler.mean']);
    const meta = Object.fromEntries(m.metadata_props.map((p) => [p.key, p.value]));
    expect(JSON.parse(meta.class_names!)).toEqual(['a', 'b', 'c']);
    expect(JSON.parse(meta.feature_names!)).toEqual(['u', 'v']);
    expect(meta.input_scaling).toMatch(/^standardised inside the model/);
    expect(meta.trained_on).toBe('toy');
  });

  it('a binary logistic model gives [1 − σ(z), σ(z)], to the last bits even where σ(z) is 1e-300', async () => {
    const model = new LogisticRegression(1);
    model.linear.weight.data[0] = 1;
    const x = new Tensor(Float64Array.from([-690, -30, -1e-9, 0, 2, 40]), [6, 1]);
    const out = await runOnnx(toOnnx(model), x);
    expect(out.dims.probabilities).toEqual([6, 2]);
    const sigma = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
    // exp in ONNX Runtime (C++) and in V8 may differ in the last bit, hence 2 ulp rather than equality.
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 4.5e-16 * Math.abs(b);
    for (let i = 0; i < 6; i++) {
      const z = x.data[i]!;
      expect(close(out.probabilities[2 * i + 1]!, sigma(z)), `σ(${z})`).toBe(true);
      expect(close(out.probabilities[2 * i]!, 1 - sigma(z)), `1 − σ(${z})`).toBe(true);
    }
  });

  it('runs a hand-built Sequential with every activation and a bias-free Linear', async () => {
    const l1 = new Linear(2, 3, { seed: 1 });
    const l2 = new Linear(3, 3, { seed: 2, bias: false });
    const model = new Sequential(
      l1,
      new Activation('tanh'),
      l2,
      new Activation('sigmoid'),
      new Linear(3, 2, { seed: 3 }),
      new Activation('relu'),
    );
    const x = new Tensor(Float64Array.from([0.5, -1, 2, 3, -4, 0.25]), [3, 2]);
    const out = await runOnnx(toOnnx(model), x);
    const expected = model.forward(x).data;
    out.logits.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(expected[i]!))));
  });

  it('names the layer that has no ONNX mapping', () => {
    class Dropout extends Module {
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    const model = new Sequential(new Linear(2, 2), new Activation('relu'), new Dropout(), new Linear(2, 2));
    expect(() => toOnnx(model)).toThrow(
      'toOnnx: layer "layers.2" is a Dropout, which has no ONNX mapping; supported: Linear, Activation (relu, tanh, sigmoid), LayerNorm, BatchNorm1d, Dropout, Sequential, MLP, LogisticRegression',
    );
    class Custom extends Linear {}
    expect(() => toOnnx(new Custom(2, 2))).toThrow('toOnnx: the model is a Custom, which has no ONNX mapping');
  });

  it('refuses names and scalers that do not fit the model, and a bad element type', () => {
    const model = new MLP([2, 3], { seed: 0 });
    expect(() => toOnnx(model, { classNames: ['a', 'b'] })).toThrow('toOnnx: classNames has 2 names but the model has 3 classes');
    expect(() => toOnnx(model, { featureNames: ['a'] })).toThrow('toOnnx: featureNames has 1 names but the model has 2 input columns');
    expect(() => toOnnx(model, { scaler: { mean: [0, 0, 0], scale: [1, 1, 1] } })).toThrow(
      'toOnnx: the scaler was fitted on 3 features but the model takes 2',
    );
    expect(() => toOnnx(model, { elementType: 'float16' as 'float32' })).toThrow(
      "toOnnx: elementType must be 'float64' or 'float32', got \"float16\"",
    );
  });
});

describe('isGradlabOnnx', () => {
  it('recognises gradlab exports from their first bytes, and nothing else', () => {
    for (const elementType of ['float64', 'float32'] as const)
      expect(isGradlabOnnx(toOnnx(new MLP([64, 32, 10], { seed: 0 }), { elementType }).subarray(0, 256))).toBe(true);
    const text = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(isGradlabOnnx(text('{"format":"gradlab-model"}'))).toBe(false);
    expect(isGradlabOnnx(text('\x08\x07\x12\x07pytorch'))).toBe(false);
    expect(isGradlabOnnx(new Uint8Array(0))).toBe(false);
  });
});
