import { describe, expect, it } from 'vitest';
import { sparkline, terminalChart } from '../../src/viz/terminal.ts';

describe('sparkline', () => {
  it('maps the range linearly onto the eight block heights', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([7, 0, 3.5])).toBe('█▁▅');
  });

  it('blanks non-finite values, centres a constant series, and averages into `width` buckets', () => {
    expect(sparkline([1, NaN, 3])).toBe('▁ █');
    expect(sparkline([2, 2, 2])).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
    expect(sparkline([0, 2, 10, 12], { width: 2 })).toBe('▁█'); // bucket means 1 and 11
    expect(() => sparkline([1], { width: 0 })).toThrow(/option width is 0/);
  });
});

describe('terminalChart', () => {
  it('draws a straight line as a connected staircase, with y labels, x range and legend (derived by hand)', () => {
    // Points (step, value) → (column, row): (0,0)→(0,3), (1,1)→(2,2), (2,2)→(5,1), (3,3)→(7,0); each segment is
    // filled by rounding max(|Δcol|, |Δrow|) + 1 evenly spaced samples.
    const chart = terminalChart([{ name: 'line', values: [0, 1, 2, 3] }], { width: 8, height: 4 });
    expect(chart).toBe(['3 ┤       •', '  │    •••', '  │  ••', '0 ┤••', '  └────────', '   0      3', '• line'].join('\n'));
  });

  it('has exactly `height` plot rows, then axis, x labels and legend; one glyph per series', () => {
    const values = Array.from({ length: 200 }, (_, i) => Math.exp(-i / 30));
    const lines = terminalChart(
      [
        { name: 'adam', values },
        { name: 'sgd', values: values.map((v) => v + 0.2) },
      ],
      { width: 60, height: 12, logY: true, title: 'loss' },
    ).split('\n');
    expect(lines).toHaveLength(1 + 12 + 3);
    expect(lines[0]).toBe('loss');
    const plot = lines.slice(1, 13);
    expect(plot.every((l) => /^[ \d.e−]*[┤│]/.test(l))).toBe(true);
    expect(plot.join('').includes('•') && plot.join('').includes('×')).toBe(true);
    expect(Math.max(...plot.map((l) => l.length))).toBeLessThanOrEqual(lines[13]!.length);
    expect(lines[15]).toBe('• adam   × sgd');
    expect(plot[0]!.trimStart().startsWith('1.2 ┤')).toBe(true); // max is 1 + 0.2
    // With logY the middle label (row 5 of 0…11) sits 5/11 of the way down in log space.
    const [hi, lo] = [1.2, Math.exp(-199 / 30)];
    expect(plot[5]!.trimStart().startsWith(`${Number((hi * (lo / hi) ** (5 / 11)).toPrecision(3))} ┤`)).toBe(true);
  });

  it('colours glyphs only when asked', () => {
    const series = [{ name: 'a', values: [1, 2] }];
    expect(terminalChart(series)).not.toContain('\x1b[');
    expect(terminalChart(series, { color: true })).toContain('\x1b[38;2;78;121;167m•\x1b[0m'); // the first series colour, #4e79a7
    // A method's series is drawn in its palette colour (momentum #009E73); Adam's black becomes bold default text.
    const chart = terminalChart(
      [
        { name: 'momentum', values: [1, 2] },
        { name: 'adam', values: [2, 1] },
      ],
      { color: true },
    );
    expect(chart).toContain('\x1b[38;2;0;158;115m•');
    expect(chart).toContain('\x1b[1;39m×');
  });

  it('rejects bad input, naming the option or series', () => {
    expect(() => terminalChart([])).toThrow(/no series given/);
    expect(() => terminalChart([{ name: 'a', values: [1, 0] }], { logY: true })).toThrow(/series 'a' at index 1 is 0/);
    expect(() => terminalChart([{ name: 'a', values: [1] }], { height: 1 })).toThrow(/option height is 1/);
    expect(() => terminalChart([{ name: 'a', values: [NaN] }])).toThrow(/no finite values/);
  });

  it("writes its labels in the pictures' tick format (a real minus sign, exponents outside [1e-3, 1e5))", () => {
    const chart = terminalChart([{ name: 'a', values: [-2e-5, 3e-5] }], { width: 8, height: 4, xStart: 100000 }).split('\n');
    expect(chart[0]).toMatch(/^ 3e−5 ┤ +•+$/);
    expect(chart[3]).toMatch(/^−2e−5 ┤•/);
    expect(chart[5]!.trim()).toMatch(/^1e5 +1e5$/); // steps 100000 and 100001 at three significant digits
  });
});
