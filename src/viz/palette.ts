/**
 * One fixed colour per optimizer, the same in every picture, the terminal chart and the playground.
 * Colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), chosen because they stay
 * distinct under the common forms of colour blindness; yellow is left out because it vanishes on white.
 */
export const METHOD_COLORS = Object.freeze({
  gd: '#0072B2', // blue
  sgd: '#E69F00', // orange
  minibatch: '#56B4E9', // sky blue
  momentum: '#009E73', // bluish green
  adagrad: '#CC79A7', // reddish purple
  rmsprop: '#D55E00', // vermillion
  adam: '#000000', // black
  adamw: '#6E6E6E', // grey
  adamax: '#8C564B', // brown (outside Okabe–Ito; only ever drawn beside Adam and AdamW)
} as const);

export type ColoredMethod = keyof typeof METHOD_COLORS;

/** Colour of a method by name (case-insensitive, "nesterov"/"amsgrad" variants map to their base method). */
export function methodColor(name: string): string {
  const key = name.toLowerCase().replace(/[^a-z]/g, '');
  for (const method of Object.keys(METHOD_COLORS) as ColoredMethod[]) {
    if (key === method) return METHOD_COLORS[method];
  }
  if (key.startsWith('amsgrad') || key.startsWith('adam')) return METHOD_COLORS.adam;
  if (key.startsWith('nesterov') || key.startsWith('momentum')) return METHOD_COLORS.momentum;
  if (key.startsWith('minibatch')) return METHOD_COLORS.minibatch;
  if (key.startsWith('sgd')) return METHOD_COLORS.sgd;
  return '#444444';
}
