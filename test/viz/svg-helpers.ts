/** Test helpers that read back what Vega wrote into an SVG string. */

/** Throws unless every opening tag is closed in order (a cheap well-formedness check; no XML parser needed). */
export function assertBalancedTags(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing === '/') continue;
    if (closing === '/') {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name ?? '?'}> closes <${open ?? 'nothing'}>`);
    } else {
      stack.push(name!);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed tags: ${stack.join(', ')}`);
}

export interface LinePath {
  label: string;
  stroke: string;
  points: [number, number][];
}

/** Every Vega line-mark path: its aria label (field: value pairs of the first datum), stroke and vertices. */
export function linePaths(svg: string): LinePath[] {
  const paths: LinePath[] = [];
  for (const match of svg.matchAll(/<path aria-label="([^"]*)"[^>]*aria-roledescription="line mark" d="([^"]*)"([^>]*)>/g)) {
    const [, label, d, rest] = match;
    const points = d!
      .split(/[ML]/)
      .filter((s) => s !== '')
      .map((s) => s.split(',').map(Number) as [number, number]);
    paths.push({ label: label!, stroke: /stroke="([^"]*)"/.exec(rest!)?.[1] ?? '', points });
  }
  return paths;
}
