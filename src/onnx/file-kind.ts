/**
 * Recognises an ONNX file that gradlab wrote from its first bytes, for the rule that a writer may
 * replace its own output but nothing else. Dependency-free (no protobuf library), so a platform-free
 * file-kind check can use it. toOnnx writes field 1 (ir_version, tag 0x08) first and the
 * producer_name "gradlab" (field 2, tag 0x12, length 7) within the first few dozen bytes.
 */
const PRODUCER = [0x12, 0x07, ...Array.from('gradlab', (c) => c.charCodeAt(0))];

/** True when `head` (the first bytes of a file, 256 are plenty) is an ONNX model produced by gradlab. */
export function isGradlabOnnx(head: Uint8Array): boolean {
  if (head[0] !== 0x08) return false;
  const end = Math.min(head.length, 256) - PRODUCER.length;
  for (let i = 1; i <= end; i++) if (PRODUCER.every((b, k) => head[i + k] === b)) return true;
  return false;
}
