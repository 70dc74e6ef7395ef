import { describe, expect, it } from 'vitest';
import { type Frame, frameCrossings } from '../../src/viz/frame.ts';
import { crossingNotes, endNotes, noteBox, separateNotes } from '../../src/viz/path-notes.ts';

// A 200 × 100 px plot of [−1, 1] × [−1, 1]: 100 px per unit across, 50 px per unit up.
const frame: Frame = { xDomain: [-1, 1], yDomain: [-1, 1], width: 200, height: 100 };

describe('frameCrossings', () => {
  it('finds where a path leaves the frame and comes back, with the step and the way it went', () => {
    const points = [
      [0, 0],
      [0, -2],
      [0.5, -2],
      [0.5, 0],
    ] as const;
    expect(frameCrossings(points, [0, 10, 20, 30], frame)).toEqual([
      { kind: 'exit', step: 10, point: [0, -1], angle: 90 }, // straight down the page
      { kind: 'entry', step: 30, point: [0.5, -1], angle: -90 },
    ]);
    // A step that jumps across the whole frame from outside to outside is neither.
    expect(
      frameCrossings(
        [
          [-2, 0],
          [2, 0],
        ],
        [0, 1],
        frame,
      ),
    ).toEqual([]);
  });
});

describe('crossingNotes', () => {
  it('writes the exit inside the frame, with a nearby return in the same note', () => {
    const crossings = frameCrossings(
      [
        [0, 0],
        [0, -2],
        [0.2, -2],
        [0.2, 0],
        [0.9, 3],
      ],
      [0, 11, 12, 21, 25],
      frame,
    );
    const notes = crossingNotes('momentum', '#009E73', crossings, frame);
    expect(notes.map((n) => n.text)).toEqual(['momentum left the frame at step 11, back at step 21', 'momentum left the frame at step 25']);
    // (0, −1) is the bottom edge at x = 100 px: the note sits 8 px above it; (x, 1) is the top edge: one line below.
    expect(notes[0]).toMatchObject({ x: 100, y: 92, align: 'center', color: '#009E73' });
    expect(notes[1]!.y).toBe(11);
  });
});

describe('endNotes', () => {
  it('stacks the labels of paths ending at the same spot, one line each in its colour, and keeps others apart', () => {
    const notes = endNotes(
      [
        { label: 'momentum', color: 'green', point: [0, 0] },
        { label: 'minibatch', color: 'blue', point: [0.02, 0.02] }, // 2 px away: the same spot
        { label: 'gd', color: 'navy', point: [-0.5, 0.5] },
        { label: 'adam', color: 'black', point: [0.99, 0] }, // at the right edge: written to the left
      ],
      frame,
    );
    expect(notes).toEqual([
      { x: 109, y: 44.5, text: 'momentum', color: 'green', align: 'left' },
      { x: 109, y: 55.5, text: 'minibatch', color: 'blue', align: 'left' },
      { x: 59, y: 25, text: 'gd', color: 'navy', align: 'left' },
      { x: 190, y: 50, text: 'adam', color: 'black', align: 'right' },
    ]);
  });

  it('moves overlapping notes apart and keeps them inside the plot', () => {
    const a = { x: 100, y: 50, text: 'one', color: 'red', align: 'left' as const };
    const placed = separateNotes([a, { ...a, text: 'two' }, { ...a, y: 0, text: 'top' }], frame);
    expect(placed.map((n) => [n.text, n.y])).toEqual([
      ['top', 10], // pulled down to a whole line inside the top edge
      ['one', 50],
      ['two', 61],
    ]);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const [a0, a1, a2, a3] = noteBox(placed[i]!),
          [b0, b1, b2, b3] = noteBox(placed[j]!);
        expect(a0 < b2 && b0 < a2 && a1 < b3 && b1 < a3).toBe(false);
      }
  });
});
