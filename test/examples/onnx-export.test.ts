import { describe, expect, it } from 'vitest';
import { main } from '../../examples/onnx-export.ts';

describe('examples/onnx-export (quick)', async () => {
  const lines: string[] = [];
  const r = await main({ quick: true, log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it('ONNX Runtime running the exported digits MLP agrees with gradlab on every test row', () => {
    expect(r.rows).toBe(360);
    expect(r.agree).toEqual({ float64: 360, float32: 360 });
    expect(r.maxDifference.float64).toBeLessThanOrEqual(1e-12);
    expect(r.maxDifference.float32).toBeLessThanOrEqual(1e-5);
    expect(r.file).toBeNull(); // a quick run writes nothing unless --out is given
  });

  it('reports the file sizes (float32 about half) and prints both sides for five rows', () => {
    expect(r.bytes.float32).toBeLessThan(0.6 * r.bytes.float64);
    expect(output).toContain(`exported: ${r.bytes.float64} bytes as float64, ${r.bytes.float32} as float32`);
    expect(output).toMatch(/^row {2}true {2}gradlab \(p\) +ONNX Runtime \(p\)$/m);
    expect(output.match(/^ +\d +\d +\d \(0\.\d{12}\) +\d \(0\.\d{12}\)$/gm)).toHaveLength(5);
    expect(output).toContain('float64: same digit on 360 of 360 test rows');
  });
});
