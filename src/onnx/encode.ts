import protobuf from 'protobufjs/light.js';
import { ONNX_DESCRIPTOR } from './schema.ts';

/** ONNX TensorProto.DataType codes for the element types gradlab writes. */
export const DATA_TYPE = { float32: 1, bool: 9, float64: 11 } as const;

/** AttributeProto.AttributeType codes used here. */
export const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, INTS: 7 } as const;

export interface TensorMessage {
  name: string;
  dims: number[];
  data_type: number;
  /** Little-endian element bytes (ONNX's raw_data layout). */
  raw_data: Uint8Array;
}

export interface NodeMessage {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute?: { name: string; type: number; i?: number; f?: number; ints?: number[] }[];
}

export interface ValueInfoMessage {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: ({ dim_value: number } | { dim_param: string })[] } } };
  doc_string?: string;
}

export interface ModelMessage {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  producer_name: string;
  producer_version: string;
  doc_string: string;
  metadata_props: { key: string; value: string }[];
  graph: {
    name: string;
    node: NodeMessage[];
    initializer: TensorMessage[];
    input: ValueInfoMessage[];
    output: ValueInfoMessage[];
  };
}

let modelType: protobuf.Type | null = null;

/** The ModelProto type, built once from the descriptor (reflection, no generated code). */
function modelProto(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(ONNX_DESCRIPTOR).lookupType('onnx.ModelProto');
  return modelType;
}

/** Serialises a ModelProto; `verify` catches a field of the wrong type before any bytes are written. */
export function encodeModel(model: ModelMessage): Uint8Array {
  const type = modelProto();
  const problem = type.verify(model);
  if (problem) throw new Error(`toOnnx: internal error, the ModelProto is invalid: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}

/** Parses ONNX bytes back into plain objects (int64 fields as numbers, bytes as Uint8Array); for tests and tools. */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
  const type = modelProto();
  return type.toObject(type.decode(bytes), { longs: Number, enums: Number, defaults: false });
}
