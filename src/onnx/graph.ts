import { ATTRIBUTE_TYPE, DATA_TYPE, type NodeMessage, type TensorMessage } from './encode.ts';

export type OnnxElementType = 'float32' | 'float64';

/**
 * Collects the nodes and constant tensors (initializers) of one ONNX graph. Value names are unique:
 * a node named `layers.0/MatMul` writes `layers.0/MatMul:out`, so a graph viewer shows where each
 * value comes from in the gradlab model.
 */
export class GraphBuilder {
  readonly nodes: NodeMessage[] = [];
  readonly initializers: TensorMessage[] = [];
  private readonly names = new Set<string>();

  constructor(readonly elementType: OnnxElementType) {}

  /** A constant of the graph's element type (weights, biases, the scaler's μ and σ, the 1 and 0 of sigmoid). */
  constant(name: string, dims: readonly number[], values: ArrayLike<number>): string {
    return this.tensor(name, dims, DATA_TYPE[this.elementType], encodeFloats(values, this.elementType));
  }

  /** Adds one node and returns the name of its (single) output, or `output` when given. */
  node(
    name: string,
    opType: string,
    inputs: readonly string[],
    options: { output?: string; ints?: Record<string, number | number[]>; floats?: Record<string, number> } = {},
  ): string {
    const nodeName = this.unique(name);
    const output = options.output ?? `${nodeName}:out`;
    this.names.add(output);
    const node: NodeMessage = { name: nodeName, op_type: opType, input: [...inputs], output: [output] };
    const attributes = [
      ...Object.entries(options.ints ?? {}).map(([key, v]) =>
        Array.isArray(v) ? { name: key, type: ATTRIBUTE_TYPE.INTS, ints: v } : { name: key, type: ATTRIBUTE_TYPE.INT, i: v },
      ),
      ...Object.entries(options.floats ?? {}).map(([key, f]) => ({ name: key, type: ATTRIBUTE_TYPE.FLOAT, f })),
    ];
    if (attributes.length > 0) node.attribute = attributes;
    this.nodes.push(node);
    return output;
  }

  private tensor(name: string, dims: readonly number[], dataType: number, raw: Uint8Array): string {
    const unique = this.unique(name);
    this.initializers.push({ name: unique, dims: [...dims], data_type: dataType, raw_data: raw });
    return unique;
  }

  private unique(name: string): string {
    let candidate = name;
    for (let k = 2; this.names.has(candidate); k++) candidate = `${name}_${k}`;
    this.names.add(candidate);
    return candidate;
  }
}

/** Little-endian IEEE-754 bytes (ONNX raw_data is little-endian whatever the host's byte order). */
export function encodeFloats(values: ArrayLike<number>, type: OnnxElementType): Uint8Array {
  const size = type === 'float64' ? 8 : 4;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    if (type === 'float64') view.setFloat64(i * 8, values[i]!, true);
    else view.setFloat32(i * 4, values[i]!, true);
  }
  return bytes;
}
