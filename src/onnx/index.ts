// Platform-free: toOnnx and the protobuf descriptor import nothing from Node (saveOnnx, which writes files, is in src/node/onnx.ts).
export { toOnnx, ONNX_IR_VERSION, ONNX_OPSET, INPUT_NAME, OUTPUT_NAMES, type OnnxExportOptions } from './export.ts';
export { decodeModel as decodeOnnx } from './encode.ts';
export type { OnnxElementType } from './graph.ts';
export { isGradlabOnnx } from './file-kind.ts';
