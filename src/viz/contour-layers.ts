import type { Note } from './path-notes.ts';
import type { LevelLabel } from './contour-labels.ts';

/** The x and y encodings every layer of a contour picture shares. */
export interface XYEncoding {
  x: object;
  y: object;
}

/** Text with a white halo under it, so it stays legible over contour lines and paths. */
function haloed(values: object[], mark: Record<string, unknown>, encoding: Record<string, unknown>): object[] {
  if (values.length === 0) return [];
  const text = { text: { field: 'text', type: 'nominal' } };
  return [
    {
      data: { values },
      mark: { ...mark, fill: 'white', stroke: 'white', strokeWidth: 3, strokeJoin: 'round', strokeOpacity: 0.9 },
      encoding: { ...encoding, ...text },
    },
    { data: { values }, mark, encoding: { ...encoding, ...text } },
  ];
}

/** Each level's value on its line, rotated along it (`rows` in domain coordinates). */
export function levelLabelLayers(
  labels: readonly LevelLabel[],
  toDomain: (px: number, py: number) => [number, number],
  xy: XYEncoding,
): object[] {
  const rows = labels.map((l) => {
    const [x, y] = toDomain(l.x, l.y);
    return { x, y, angle: l.angle, text: l.text };
  });
  return haloed(
    rows,
    { type: 'text', fontSize: 9, baseline: 'middle', align: 'center', fill: '#5a5a5a' },
    { ...xy, angle: { field: 'angle', type: 'quantitative', scale: null } },
  );
}

/**
 * Notes (path-end labels, "left the frame at step k") in their colours: one layer pair per colour and
 * alignment, with the colour on the mark, since a colour encoding would join the paths' legend.
 */
export function noteLayers(notes: readonly Note[], toDomain: (px: number, py: number) => [number, number], xy: XYEncoding): object[] {
  const groups = new Map<string, Note[]>();
  for (const n of notes) {
    const key = `${n.color} ${n.align}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  return [...groups.values()].flatMap((group) =>
    haloed(
      group.map((n) => {
        const [x, y] = toDomain(n.x, n.y);
        return { x, y, text: n.text };
      }),
      { type: 'text', fontSize: 10, fontWeight: 'bold', align: group[0]!.align, baseline: 'alphabetic', fill: group[0]!.color },
      { ...xy },
    ),
  );
}

/** A triangle in the path's colour where it leaves the frame, pointing the way it went. */
export function exitArrowLayer(rows: readonly { x: number; y: number; angle: number; color: string }[], xy: XYEncoding): object[] {
  return rows.map((row) => ({
    data: { values: [row] },
    mark: {
      type: 'point',
      shape: 'triangle-right',
      filled: true,
      size: 150,
      color: row.color,
      stroke: 'white',
      strokeWidth: 1,
      opacity: 1,
      clip: false,
      angle: row.angle,
    },
    encoding: { ...xy },
  }));
}

/** Black markers (start, minimum, ✕ for a diverged run, landmarks) with their own legend; the start open. */
export function markerLayers(
  marks: readonly { x: number; y: number; kind: string }[],
  shapeOf: (kind: string) => string,
  xy: XYEncoding,
): object[] {
  if (marks.length === 0) return [];
  const kinds = [...new Set(marks.map((m) => m.kind))];
  const legend = { orient: 'right', title: null };
  return [
    {
      data: { values: marks },
      mark: { type: 'point', size: 160, strokeWidth: 2.5, clip: false, opacity: 1, stroke: 'black' },
      encoding: {
        ...xy,
        shape: { field: 'kind', type: 'nominal', scale: { domain: kinds, range: kinds.map(shapeOf) }, legend },
        fill: {
          field: 'kind',
          type: 'nominal',
          scale: { domain: kinds, range: kinds.map((k) => (k === 'start' ? 'white' : 'black')) },
          legend,
        },
      },
    },
  ];
}
