/**
 * Recognises files gradlab wrote, from their first bytes, so a writer may replace its own output
 * (a model, a checkpoint, a picture, a step-loss log) but nothing else. Platform-free: callers read
 * the head of the file and pass the bytes.
 */

/** How many leading bytes `isGradlabFile` needs. */
export const HEAD_BYTES = 4096;

/** Written right after the opening `<svg …>` tag of every picture. */
export const SVG_MARK = '<!-- gradlab picture -->';
/** A PNG tEXt chunk's keyword and text: "Software" = "gradlab". */
const PNG_TEXT = 'Software\0gradlab';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// Models, checkpoints, step-loss logs and results are JSON whose first key is "format": "gradlab-<kind>".
const JSON_MARK = /^\s*\{\s*"format"\s*:\s*"gradlab-([a-z-]+)"/;
/** The first line of every Graphviz DOT file gradlab writes (a DOT comment). */
export const DOT_MARK = '// gradlab graph\n';

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/**
 * An ONNX model gradlab exported: a protobuf ModelProto whose fields come in number order, so field 1
 * (ir_version, a varint) is followed by field 2, producer_name, holding "gradlab".
 */
function isGradlabOnnx(head: Uint8Array): boolean {
  if (head[0] !== 0x08) return false;
  let i = 1;
  while (i < 11 && (head[i]! & 0x80) !== 0) i++;
  const name = 'gradlab';
  if (head[i + 1] !== 0x12 || head[i + 2] !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (head[i + 3 + k] !== name.charCodeAt(k)) return false;
  return true;
}

/**
 * Which kind of gradlab file `head` (its first HEAD_BYTES bytes) begins: a JSON file by its format
 * ("model", "checkpoint", "step-losses", "race-results", …), "picture" (SVG or PNG), "graph" (DOT) or
 * "onnx"; null when gradlab did not write it. A writer replaces only a file of its own kind.
 */
export function fileKind(head: Uint8Array): string | null {
  const text = latin1(head.subarray(0, HEAD_BYTES));
  if (PNG_SIGNATURE.every((b, i) => head[i] === b)) return text.includes(PNG_TEXT) ? 'picture' : null;
  const json = JSON_MARK.exec(text);
  if (json) return json[1]!;
  if (text.startsWith(DOT_MARK)) return 'graph';
  if (isGradlabOnnx(head)) return 'onnx';
  return text.includes('<svg') && text.includes(SVG_MARK) ? 'picture' : null;
}

/** True when `head` is a gradlab model, checkpoint, log, result, graph, picture or ONNX export (see fileKind). */
export function isGradlabFile(head: Uint8Array): boolean {
  return fileKind(head) !== null;
}

const KIND_NOUNS: Record<string, string> = {
  'step-losses': "checkpoint's step-loss file",
  graph: 'graph (DOT)',
  onnx: 'ONNX export',
};

/** "model", "checkpoint", "ONNX export", …: a kind from fileKind as a noun, for messages. */
export function kindNoun(kind: string): string {
  return KIND_NOUNS[kind] ?? (/^[a-z]+$/.test(kind) ? kind : `${kind} file`);
}

/** "a gradlab model", "a gradlab checkpoint", …: a kind from fileKind, for messages. */
export function describeKind(kind: string): string {
  return `a gradlab ${kindNoun(kind)}`;
}

/** The SVG with the gradlab mark after its opening tag (unchanged if marked already). */
export function markSvg(svg: string): string {
  if (svg.includes(SVG_MARK)) return svg;
  const start = svg.indexOf('<svg');
  const end = start < 0 ? -1 : svg.indexOf('>', start);
  return end < 0 ? svg : `${svg.slice(0, end + 1)}${SVG_MARK}${svg.slice(end + 1)}`;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the PNG/zlib polynomial) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG with a tEXt chunk Software=gradlab after its IHDR chunk (chunks: length, type, data, CRC of type+data). */
export function markPng(png: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((b, i) => png[i] === b) || latin1(png.subarray(0, 256)).includes(PNG_TEXT)) return png;
  const ihdrEnd = 8 + 12 + ((png[8]! << 24) | (png[9]! << 16) | (png[10]! << 8) | png[11]!);
  const body = Uint8Array.from(`tEXt${PNG_TEXT}`, (ch) => ch.charCodeAt(0));
  const chunk = new Uint8Array(12 + body.length - 4);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length - 4);
  chunk.set(body, 4);
  view.setUint32(4 + body.length, crc32(body));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd), 0);
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}
