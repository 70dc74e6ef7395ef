import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { svgToPng, writeFigure } from '../../src/node/files.ts';
import { markSvg } from '../../src/util/file-kind.ts';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30"><rect x="0" y="0" width="20" height="30" fill="#ff0000"/></svg>';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which always follows the 8-byte signature. */
function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

/** RGBA pixel (x, y) of an 8-bit RGBA, non-interlaced PNG: inflate the IDAT chunks, then undo each row's filter. */
function pngPixel(png: Uint8Array, x: number, y: number): number[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const [width, height] = pngSize(png);
  expect([png[24], png[25], png[28]]).toEqual([8, 6, 0]); // bit depth 8, colour type RGBA, no interlace
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) {
    if (String.fromCharCode(...png.subarray(at + 4, at + 8)) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + view.getUint32(at)));
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rows: Uint8Array[] = [];
  for (let r = 0; r < height; r++) {
    const filter = raw[r * (stride + 1)]!;
    const line = Uint8Array.from(raw.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1)));
    const up = rows[r - 1] ?? new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? line[i - 4]! : 0,
        b = up[i]!,
        c = i >= 4 ? up[i - 4]! : 0;
      const p = a + b - c,
        pa = Math.abs(p - a),
        pb = Math.abs(p - b),
        pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      line[i] = (line[i]! + predictor) & 0xff;
    }
    rows.push(line);
  }
  return [...rows[y]!.subarray(x * 4, x * 4 + 4)];
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gradlab-viz-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFigure', () => {
  it('creates missing folders and writes the SVG text unchanged, leaving no temporary file', async () => {
    const out = join(dir, 'runs', 'a', 'loss.svg');
    expect(await writeFigure(SVG, out)).toBe(out);
    expect(await readFile(out, 'utf8')).toBe(markSvg(SVG)); // the mark lets the next run replace its own picture
    expect(await readdir(join(dir, 'runs', 'a'))).toEqual(['loss.svg']);
  });

  it('writes a PNG when the path ends in .png, scaled by `scale`', async () => {
    const out = join(dir, 'loss.png');
    await writeFigure(SVG, out, { scale: 3 });
    const png = new Uint8Array(await readFile(out));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual([120, 90]);
  });

  it('keeps the old file intact when the new figure cannot be made', async () => {
    const out = join(dir, 'fig.png');
    await writeFile(out, 'old');
    await expect(writeFigure('not an svg', out)).rejects.toThrow(/not an SVG document/);
    expect(await readFile(out, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['fig.png']);
  });

  it('rejects an extension it cannot write', async () => {
    await expect(writeFigure(SVG, join(dir, 'fig.jpg'))).rejects.toThrow(/must end in \.svg or \.png/);
  });
});

describe('svgToPng', () => {
  it('rasterises at 2× by default and paints the shapes (left half red, right half white)', async () => {
    const png = await svgToPng(SVG);
    expect(pngSize(png)).toEqual([80, 60]);
    expect(pngPixel(png, 10, 30)).toEqual([255, 0, 0, 255]);
    expect(pngPixel(png, 70, 30)).toEqual([255, 255, 255, 255]);
    expect(pngPixel(await svgToPng(SVG, { background: 'transparent' }), 70, 30)[3]).toBe(0);
    await expect(svgToPng(SVG, { scale: 0 })).rejects.toThrow(/option scale is 0/);
  });
});
