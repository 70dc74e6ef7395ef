import { describe, expect, it } from 'vitest';
import { contourLines } from '../../src/viz/contour-lines.ts';
import { levelLabels, levelTexts } from '../../src/viz/contour-labels.ts';
import type { Frame } from '../../src/viz/frame.ts';

const frame: Frame = { xDomain: [-2, 2], yDomain: [-2, 2], width: 400, height: 400 };
const bowl = (x: number, y: number): number => x * x + y * y;
const toDomain = (px: number, py: number): [number, number] => [-2 + px / 100, 2 - py / 100];

describe('levelLabels', () => {
  it('writes each level on its own circle, along it (tangent), upright', () => {
    const contours = contourLines(bowl, frame.xDomain, frame.yDomain, { levels: [0.5, 1, 2], resolution: 81 });
    const labels = levelLabels(contours, frame);
    expect(labels.map((l) => l.text)).toEqual(['0.5', '1', '2']);
    for (const l of labels) {
      const [x, y] = toDomain(l.x, l.y);
      // On the circle of radius √level (a chord's midpoint lies a hair inside it).
      expect(Math.abs(Math.hypot(x, y) - Math.sqrt(l.level))).toBeLessThan(0.02 * Math.sqrt(l.level));
      // Along the line: the text's direction is perpendicular to the radius.
      const along = [Math.cos((l.angle * Math.PI) / 180), -Math.sin((l.angle * Math.PI) / 180)];
      expect(Math.abs(along[0]! * x + along[1]! * y) / Math.hypot(x, y)).toBeLessThan(0.1);
      expect(l.angle > -90 && l.angle <= 90).toBe(true);
    }
  });

  it('keeps off the paths given and out of the boxes given, and leaves a level out where nothing is free', () => {
    const contours = contourLines(bowl, frame.xDomain, frame.yDomain, { levels: [1], resolution: 81 });
    // A path running round the whole circle x² + y² = 1 leaves no room for its label.
    const circle = Array.from({ length: 200 }, (_, k): [number, number] => [Math.cos(k / 31.8), Math.sin(k / 31.8)]);
    expect(levelLabels(contours, frame, { avoid: [circle] })).toEqual([]);
    // Half of it covered: the label goes on the free half, at least a font size (9 px) from the path.
    const half = circle.filter(([, y]) => y >= 0);
    const [label] = levelLabels(contours, frame, { avoid: [half] });
    expect(toDomain(label!.x, label!.y)[1]).toBeLessThan(0);
    const nearest = Math.min(...half.map(([x, y]) => Math.hypot(100 * (x + 2) - label!.x, 100 * (2 - y) - label!.y)));
    expect(nearest).toBeGreaterThanOrEqual(9);
    expect(levelLabels(contours, frame, { avoidBoxes: [[0, 0, 400, 400]] })).toEqual([]);
  });

  it('gives each level the fewest digits (two or more) that tell it from its neighbours', () => {
    expect(levelTexts([0.0103, 0.0213, 0.044, 7.4, 13.2])).toEqual(['0.01', '0.021', '0.044', '7.4', '13']);
    expect(levelTexts([1.16, 1.164, 2])).toEqual(['1.16', '1.164', '2']);
    expect(levelTexts([-0.249, 2e-5])).toEqual(['−0.25', '2e−5']);
  });
});
