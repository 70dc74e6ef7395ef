import { describe, expect, it } from 'vitest';
import { Progress, formatDuration, formatLogs, logLabel, type Writer } from '../../src/train/progress.ts';

function capture(isTTY: boolean, columns?: number): Writer & { text: string } {
  const out = {
    text: '',
    isTTY,
    columns,
    write(s: string) {
      out.text += s;
      return true;
    },
  };
  return out;
}

function clock(): { now: () => number; set: (ms: number) => void } {
  let t = 0;
  return { now: () => t, set: (ms) => (t = ms) };
}

describe('formatDuration / formatLogs', () => {
  it('formats durations compactly', () => {
    expect(formatDuration(420)).toBe('0.42s');
    expect(formatDuration(12_345)).toBe('12.3s');
    expect(formatDuration(125_000)).toBe('2m05s');
    expect(formatDuration(3_720_000)).toBe('1h02m');
    expect(formatDuration(NaN)).toBe('?');
  });

  it('lists values in order, hiding bookkeeping keys; tiny values in exponent form', () => {
    expect(
      formatLogs({ epoch: 3, loss: 0.123456, accuracy: 0.95, valLoss: 0.00001234, lr: 0.1, steps: 4, timeMs: 5, valAccuracy: undefined }),
    ).toBe('train loss (epoch mean) 0.1235 · train accuracy (epoch mean) 0.9500 · val loss 1.23e-5');
  });
});

describe('Progress, plain lines (not a terminal)', () => {
  it('prints one line per epoch and a summary', () => {
    const out = capture(false);
    const c = clock();
    const p = new Progress({ epochs: 2, stepsPerEpoch: 3, log: out, now: c.now });
    p.start();
    p.step(1, 1, 0.9); // never drawn in line mode
    c.set(1500);
    p.epoch(1, 3, { epoch: 1, loss: 0.5, accuracy: 0.75, lr: 0.1, steps: 3, timeMs: 1500 });
    c.set(2000);
    p.epoch(2, 6, { epoch: 2, loss: 0.25, accuracy: 1, valAccuracy: 0.5, lr: 0.1, steps: 3, timeMs: 500 });
    p.finish({ epochs: 2, steps: 6, stopped: false });
    expect(out.text).toBe(
      'epoch 1/2 · train loss (epoch mean) 0.5000 · train accuracy (epoch mean) 0.7500 · 1.50s\n' +
        'epoch 2/2 · train loss (epoch mean) 0.2500 · train accuracy (epoch mean) 1.0000 · val accuracy 0.5000 · 0.50s\n' +
        'trained 2 epochs (6 steps) in 2.00s; last epoch: train loss (epoch mean) 0.2500 · train accuracy (epoch mean) 1.0000 · val accuracy 0.5000\n',
    );
  });

  it('prints every k-th epoch for long runs (k = ⌈epochs/20⌉), plus the first and the last', () => {
    const lines: string[] = [];
    const p = new Progress({ epochs: 45, stepsPerEpoch: 1, log: (line) => lines.push(line), now: () => 0 });
    p.start();
    for (let e = 1; e <= 45; e++) p.epoch(e, e, { loss: 1 / e });
    p.finish({ epochs: 45, steps: 45, stopped: false });
    const epochs = lines.filter((l) => l.startsWith('epoch')).map((l) => Number(/epoch +(\d+)/.exec(l)![1]));
    expect(epochs).toEqual([1, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45]);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true); // a line callback gets lines without newlines
    expect(lines.at(-1)).toBe('trained 45 epochs (45 steps) in 0.00s; last epoch: train loss (epoch mean) 0.0222');
  });

  it('a run stopped early prints its last epoch even off the k-grid, and says so', () => {
    const lines: string[] = [];
    const p = new Progress({ epochs: 100, stepsPerEpoch: 1, log: (line) => lines.push(line), logEvery: 10, now: () => 0 });
    p.start();
    for (let e = 1; e <= 14; e++) p.epoch(e, e, { loss: 1 });
    p.finish({ epochs: 14, steps: 14, stopped: true });
    expect(lines.map((l) => l.slice(0, 11))).toEqual(['epoch   1/1', 'epoch  10/1', 'epoch  14/1', 'trained 14 ']);
    expect(lines.at(-1)).toContain('(stopped early)');
  });

  it('verbose 2 prints lines even on a terminal; verbose 0 prints nothing', () => {
    const tty = capture(true);
    const p = new Progress({ epochs: 1, stepsPerEpoch: 1, log: tty, verbose: 2, now: () => 0 });
    p.start();
    p.epoch(1, 1, { loss: 1 });
    expect(tty.text).toBe('epoch 1/1 · train loss (epoch mean) 1.0000\n');
    const silent = capture(true);
    const q = new Progress({ epochs: 1, stepsPerEpoch: 1, log: silent, verbose: 0, now: () => 0 });
    q.start();
    q.step(1, 1, 1);
    q.epoch(1, 1, { loss: 1 });
    q.finish({ epochs: 1, steps: 1, stopped: false });
    q.abort();
    expect(silent.text).toBe('');
  });

  it('rejects a bad verbose, log or logEvery', () => {
    expect(() => new Progress({ epochs: 1, stepsPerEpoch: 1, verbose: 3 as 1 })).toThrow('fit: verbose must be 0, 1 or 2, got 3');
    expect(() => new Progress({ epochs: 1, stepsPerEpoch: 1, log: {} as Writer })).toThrow(/fit: log must be a writable stream/);
    expect(() => new Progress({ epochs: 1, stepsPerEpoch: 1, logEvery: 0, log: () => {} })).toThrow(
      'fit: logEvery must be a positive integer, got 0',
    );
  });
});

describe('Progress: notes and the best epoch', () => {
  it('prints a note between epoch lines and names the epoch of the lowest val loss after the summary', () => {
    const lines: string[] = [];
    const p = new Progress({ epochs: 3, stepsPerEpoch: 1, log: (l) => lines.push(l), now: () => 0 });
    p.start();
    p.epoch(1, 1, { loss: 1, valLoss: 0.5 });
    p.note('val loss has risen');
    p.epoch(2, 2, { loss: 0.5, valLoss: 0.6 });
    p.epoch(3, 3, { loss: 0.25, valLoss: 0.7 });
    p.finish({ epochs: 3, steps: 3, stopped: false, best: { epoch: 1, valLoss: 0.5, lastValLoss: 0.7, rose: true, restored: false } });
    expect(lines[1]).toBe('val loss has risen');
    expect(lines.at(-1)).toBe('lowest val loss 0.5000 at epoch 1 (last epoch: 0.7000)');
  });

  it('labels every key: running epoch means for training, val for validation', () => {
    expect(['loss', 'accuracy', 'f1', 'valLoss', 'valAccuracy', 'valF1', 'custom'].map(logLabel)).toEqual([
      'train loss (epoch mean)',
      'train accuracy (epoch mean)',
      'train f1 (epoch mean)',
      'val loss',
      'val accuracy',
      'val f1',
      'custom',
    ]);
  });
});

describe('Progress, terminal bar', () => {
  it('redraws one line with \\r: epoch, bar, percent, ETA, loss and val accuracy; throttled between epochs', () => {
    const out = capture(true, 120);
    const c = clock();
    const p = new Progress({ epochs: 2, stepsPerEpoch: 2, log: out, now: c.now });
    p.start();
    c.set(50);
    p.step(1, 1, 0.8); // 1 of 4 steps after 50 ms → ETA 150 ms
    c.set(60);
    p.step(1, 2, 0.7); // within 100 ms of the last draw: skipped
    p.epoch(1, 2, { loss: 0.7, valAccuracy: 0.5 }); // epoch ends always redraw
    c.set(200);
    p.epoch(2, 4, { loss: 0.6, valAccuracy: 0.75 });
    p.finish({ epochs: 2, steps: 4, stopped: false });
    const frames = out.text.split('\r').filter(Boolean);
    expect(frames[0]).toBe('epoch 1/2 [=====               ]  25% · ETA 0.15s · train loss (epoch mean) 0.8000');
    expect(frames[1]).toBe('epoch 1/2 [==========          ]  50% · ETA 0.06s · train loss (epoch mean) 0.7000 · val accuracy 0.5000');
    expect(
      frames[2]!.startsWith('epoch 2/2 [====================] 100% · ETA 0.00s · train loss (epoch mean) 0.6000 · val accuracy 0.7500'),
    ).toBe(true);
    expect(
      frames[2]!.endsWith('\ntrained 2 epochs (4 steps) in 0.20s; last epoch: train loss (epoch mean) 0.6000 · val accuracy 0.7500\n'),
    ).toBe(true);
    expect(frames).toHaveLength(3);
  });

  it('pads a shorter frame over a longer one', () => {
    const out = capture(true);
    const p = new Progress({ epochs: 10, stepsPerEpoch: 1, log: out, now: () => 0 });
    p.start();
    p.epoch(1, 1, { loss: 0.5, valAccuracy: 0.25 });
    p.epoch(2, 2, { loss: 0.5 });
    const [first, second] = out.text.split('\r').filter(Boolean);
    expect(second!.length).toBe(first!.length);
    expect(second!.trimEnd()).toBe('epoch 2/10 [====                ]  20% · ETA 0.00s · train loss (epoch mean) 0.5000');
  });

  it('fits the terminal width and ends the line on abort', () => {
    const out = capture(true, 40);
    const p = new Progress({ epochs: 10, stepsPerEpoch: 1, log: out, now: () => 0 });
    p.start();
    p.epoch(1, 1, { loss: 0.5 });
    p.abort();
    const frame = out.text.split('\r')[1]!;
    expect(frame).toBe('epoch 1/10 [==                  ]  10%\n'); // cut at 39 characters (trailing space dropped)
  });
});
