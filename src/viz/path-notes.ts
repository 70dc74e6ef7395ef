import { type Frame, type FrameCrossing, type XY, toPixels } from './frame.ts';

/** A line of text on the plot, in pixels of the plot area. */
export interface Note {
  x: number;
  y: number;
  text: string;
  color: string;
  align: 'left' | 'right' | 'center';
}

/** A path's end as it is labelled: its short label, colour and last point (domain coordinates). */
export interface PathEnd {
  label: string;
  color: string;
  point: XY;
}

const LINE = 11;

/**
 * Direct labels at the paths' ends, so a path hidden under another (minibatch under momentum) is still
 * found: ends within `radius` pixels of each other share one stack of labels, one line per path in its
 * colour, beside the first of them (to the right, or to the left near the right edge).
 */
export function endNotes(ends: readonly PathEnd[], frame: Frame, fontSize = 10, radius = 10): Note[] {
  const groups: { at: [number, number]; members: PathEnd[] }[] = [];
  for (const end of ends) {
    const at = toPixels(frame, end.point);
    const group = groups.find((g) => Math.hypot(g.at[0] - at[0], g.at[1] - at[1]) <= radius);
    if (group) group.members.push(end);
    else groups.push({ at, members: [end] });
  }
  return groups.flatMap(({ at: [x, y], members }) => {
    const wide = Math.max(...members.map((m) => textWidth(m.label, fontSize)));
    const left = x + 9 + wide > frame.width;
    const top = y - ((members.length - 1) * LINE) / 2;
    return members.map((m, k): Note => ({
      x: left ? x - 9 : x + 9,
      y: top + k * LINE,
      text: m.label,
      color: m.color,
      align: left ? 'right' : 'left',
    }));
  });
}

/**
 * "adam left the frame at step 212" where a path leaves, "back at step 240" where it returns: just inside the
 * frame beside the crossing, so a path that leaves the picture does not simply vanish.
 */
export function crossingNotes(label: string, color: string, crossings: readonly FrameCrossing[], frame: Frame): Note[] {
  // A return close to where the path left shares the exit's note: "… left the frame at step 11, back at step 21".
  const near = (a: FrameCrossing, b: FrameCrossing): boolean => {
    const [ax, ay] = toPixels(frame, a.point),
      [bx, by] = toPixels(frame, b.point);
    return Math.hypot(ax - bx, ay - by) < 60;
  };
  const merged: { c: FrameCrossing; text: string }[] = [];
  crossings.forEach((c, i) => {
    const before = crossings[i - 1];
    if (c.kind === 'entry' && before?.kind === 'exit' && near(before, c) && merged.length > 0)
      merged.at(-1)!.text += `, back at step ${c.step}`;
    else merged.push({ c, text: c.kind === 'exit' ? `${label} left the frame at step ${c.step}` : `${label} back at step ${c.step}` });
  });
  return merged.map(({ c, text }) => {
    const [px, py] = toPixels(frame, c.point);
    // Step inwards from the edge crossed; line up the text so that it runs into the plot, not off it.
    const dx = px <= 0.5 ? 6 : px >= frame.width - 0.5 ? -6 : 0;
    const dy = py <= 0.5 ? LINE : py >= frame.height - 0.5 ? -8 : 0;
    const align = px < frame.width / 3 ? 'left' : px > (2 * frame.width) / 3 ? 'right' : 'center';
    return { x: px + dx, y: py + dy, text, color, align };
  });
}

/** Moves notes down (or up at the bottom) until no two overlap, keeping each inside the plot area. */
export function separateNotes(notes: readonly Note[], frame: Frame, fontSize = 10): Note[] {
  const placed: Note[] = [];
  const box = (n: Note) => noteBox(n, fontSize);
  const overlaps = (a: Note, b: Note): boolean => {
    const [a0, a1, a2, a3] = box(a),
      [b0, b1, b2, b3] = box(b);
    return a0 < b2 && b0 < a2 && a1 < b3 && b1 < a3;
  };
  for (const note of [...notes].sort((a, b) => a.y - b.y)) {
    let n = { ...note, y: Math.min(Math.max(note.y, fontSize), frame.height - 2) };
    for (let tries = 0; tries < 40 && placed.some((p) => overlaps(p, n)); tries++) {
      const down = n.y + LINE <= frame.height - 2;
      n = { ...n, y: down ? n.y + LINE : n.y - LINE };
    }
    placed.push(n);
  }
  return placed;
}

/** The box a note covers, [left, top, right, bottom] in pixels: cap height above the baseline to descenders below. */
export function noteBox(n: Note, fontSize = 10): [number, number, number, number] {
  const w = textWidth(n.text, fontSize);
  const x0 = n.align === 'left' ? n.x : n.align === 'right' ? n.x - w : n.x - w / 2;
  return [x0, n.y - 0.8 * fontSize, x0 + w, n.y + 0.2 * fontSize];
}

/** Rough width of bold `text` in pixels (0.65 em per character, the average of DejaVu Sans Bold and Helvetica Bold) plus a margin. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.65 + 3;
}
