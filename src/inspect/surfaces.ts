import { Tensor, noGrad } from '../tensor/index.ts';
import type { MethodName } from '../train/methods.ts';

export type Point2 = [number, number];

/**
 * A 2-D test function for watching optimizers move. `f` is written with tensor ops, so gradients
 * come from the engine (`gradientAt`), and `value` evaluates it fast on plain numbers for contours.
 */
export interface Surface {
  readonly name: SurfaceName;
  readonly title: string;
  /** What the surface shows about optimizers. */
  readonly description: string;
  readonly formula: string;
  /** f(x, y) on one-element tensors. */
  readonly f: (x: Tensor, y: Tensor) => Tensor;
  readonly start: Point2;
  /** Global minima (several for the double well); distances are measured to the nearest. */
  readonly minima: readonly Point2[];
  /** Saddle points, marked in pictures (the saddle surface's (0, 0)). */
  readonly saddles?: readonly Point2[];
  readonly xDomain: Point2;
  readonly yDomain: Point2;
  /** Learning rates that make each method behave sensibly here. */
  readonly defaultLr: Readonly<Record<MethodName, number>>;
  /** Default number of steps. */
  readonly steps: number;
  /** Standard deviation of the simulated per-sample gradient noise used by sgd (minibatch: /√k). */
  readonly sampleNoise: number;
}

export const SURFACE_NAMES = ['bowl', 'valley', 'rosenbrock', 'saddle', 'beale'] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

const lrs = (gd: number, momentum: number, adagrad: number, rmsprop: number, adam: number): Record<MethodName, number> => ({
  gd,
  sgd: gd,
  minibatch: gd,
  momentum,
  adagrad,
  rmsprop,
  adam,
});

/** The five surfaces. Learning rates are tuned so each method converges (or shows its failure mode) within `steps`. */
export const SURFACES: Readonly<Record<SurfaceName, Surface>> = Object.freeze({
  bowl: {
    name: 'bowl',
    title: 'Quadratic bowl',
    description: 'The round bowl of the Adam lesson: every method reaches the bottom; the step rules differ in speed only.',
    formula: 'x² + y²',
    f: (x, y) => x.pow(2).add(y.pow(2)),
    start: [3, 4],
    minima: [[0, 0]],
    xDomain: [-5, 5],
    yDomain: [-5, 5],
    defaultLr: lrs(0.1, 0.02, 1, 0.05, 0.3),
    steps: 150,
    sampleNoise: 2,
  },
  valley: {
    name: 'valley',
    title: 'Ill-conditioned valley',
    description:
      'Steep across (curvature 4), shallow along (0.02): gradient descent zig-zags across and crawls along; momentum accelerates along the valley, RMSProp and Adam rescale each coordinate.',
    formula: '0.01·x² + 2·y²',
    f: (x, y) => x.pow(2).mul(0.01).add(y.pow(2).mul(2)),
    start: [-9, 2],
    minima: [[0, 0]],
    xDomain: [-10, 2],
    yDomain: [-3, 3],
    defaultLr: lrs(0.45, 0.2, 1, 0.1, 0.3),
    steps: 200,
    sampleNoise: 0.5,
  },
  rosenbrock: {
    name: 'rosenbrock',
    title: 'Rosenbrock banana',
    description: 'A curved, flat-bottomed valley: easy to reach, slow to follow to the minimum at (1, 1).',
    formula: '(1 − x)² + 100·(y − x²)²',
    f: (x, y) =>
      x
        .neg()
        .add(1)
        .pow(2)
        .add(y.sub(x.pow(2)).pow(2).mul(100)),
    start: [-1.2, 1],
    minima: [[1, 1]],
    xDomain: [-2, 2],
    yDomain: [-1, 3],
    defaultLr: lrs(0.0015, 0.001, 0.5, 0.005, 0.1),
    steps: 2000,
    sampleNoise: 5,
  },
  saddle: {
    name: 'saddle',
    title: 'Saddle point between two wells',
    description:
      'A saddle at (0, 0) between minima at (0, ±1): starting almost on the ridge, gradient descent stalls where the gradient is tiny; adaptive methods rescale it and escape.',
    formula: 'x² + y⁴/4 − y²/2',
    f: (x, y) => x.pow(2).add(y.pow(4).mul(0.25)).sub(y.pow(2).mul(0.5)),
    start: [-2, 1e-4],
    minima: [
      [0, 1],
      [0, -1],
    ],
    saddles: [[0, 0]],
    xDomain: [-2.5, 2.5],
    yDomain: [-1.75, 1.75],
    defaultLr: lrs(0.1, 0.02, 0.2, 0.05, 0.05),
    steps: 150,
    sampleNoise: 0.5,
  },
  beale: {
    name: 'beale',
    title: 'Beale function',
    description: 'Flat plateaus and steep walls with gradients ranging over orders of magnitude; the minimum is at (3, 0.5).',
    formula: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
    f: (x, y) => {
      const term = (c: number, yPower: Tensor): Tensor => x.mul(yPower).sub(x).add(c).pow(2);
      return term(1.5, y)
        .add(term(2.25, y.pow(2)))
        .add(term(2.625, y.pow(3)));
    },
    start: [1, 1.5],
    minima: [[3, 0.5]],
    xDomain: [-0.5, 4.5],
    yDomain: [-1, 2],
    defaultLr: lrs(0.01, 0.002, 1, 0.005, 0.1),
    steps: 1000,
    sampleNoise: 2,
  },
});

export function isSurfaceName(name: unknown): name is SurfaceName {
  return typeof name === 'string' && (SURFACE_NAMES as readonly string[]).includes(name);
}

/** The registry entry for `name`; unknown names get an error listing the allowed ones. */
export function getSurface(name: string): Surface {
  if (!isSurfaceName(name)) throw new RangeError(`unknown surface '${String(name)}'; expected one of ${SURFACE_NAMES.join(', ')}`);
  return SURFACES[name];
}

const scalar = (v: number, requiresGrad = false): Tensor => new Tensor(Float64Array.of(v), [1], requiresGrad);

/** f(x, y) as a number (no graph is built). */
export function surfaceValue(surface: Surface, x: number, y: number): number {
  return noGrad(() => surface.f(scalar(x), scalar(y)).item());
}

/** f and ∇f at (x, y), the gradient by reverse-mode autodiff through `surface.f`. */
export function gradientAt(surface: Surface, x: number, y: number): { value: number; grad: Point2 } {
  const tx = scalar(x, true),
    ty = scalar(y, true);
  const out = surface.f(tx, ty);
  out.backward();
  return { value: out.item(), grad: [tx.grad!.data[0]!, ty.grad!.data[0]!] };
}

/** Euclidean distance from (x, y) to the nearest minimum. */
export function distanceToMinimum(surface: Surface, [x, y]: readonly [number, number]): number {
  return Math.min(...surface.minima.map(([mx, my]) => Math.hypot(x - mx, y - my)));
}
