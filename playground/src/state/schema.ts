import { SURFACES, SURFACE_NAMES, type SurfaceName } from 'gradlab';
import { type MethodSettings, defaultSettings } from './methods.ts';

export const VIEWS = ['race', 'train', 'graph'] as const;
export type View = (typeof VIEWS)[number];
export const DATASETS = ['moons', 'circles', 'spirals', 'xor', 'csv'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
export type ActivationChoice = (typeof ACTIVATIONS)[number];

export interface RaceState {
  /** A registry surface, or 'custom' for the typed `expr`. */
  surface: SurfaceName | 'custom';
  expr: string;
  start: [number, number];
  steps: number;
  /** Seed of the simulated gradient noise of sgd and minibatch. */
  seed: number;
  methods: MethodSettings[];
  /** Index into `methods` of the racer the inspector shows. */
  selected: number;
  /** The step the page shows (time travel position). */
  step: number;
}

export interface TrainState {
  data: DatasetName;
  n: number;
  noise: number;
  dataSeed: number;
  hidden: number[];
  activation: ActivationChoice;
  initSeed: number;
  optimizer: MethodSettings;
  batch: number;
  /** Training steps taken (a shared link replays to here). */
  step: number;
  /** The two weights of the loss slice, as `param[index]`. */
  sliceA: string;
  sliceB: string;
  /** Which training example the graph view follows. */
  example: number;
}

export interface PlaygroundState {
  view: View;
  race: RaceState;
  train: TrainState;
}

export const MAX_RACERS = 7;

export function defaultRace(surface: SurfaceName = 'rosenbrock'): RaceState {
  const s = SURFACES[surface];
  const lrFor = (m: 'gd' | 'momentum' | 'rmsprop' | 'adam') => s.defaultLr[m];
  return {
    surface,
    expr: '(1-x)^2 + 100*(y-x^2)^2',
    start: [...s.start],
    steps: Math.min(s.steps, 500),
    seed: 0,
    methods: [
      defaultSettings('gd', lrFor('gd')),
      defaultSettings('momentum', lrFor('momentum')),
      defaultSettings('rmsprop', lrFor('rmsprop')),
      defaultSettings('adam', lrFor('adam')),
    ],
    selected: 3,
    step: 150,
  };
}

export function defaultTrain(): TrainState {
  return {
    data: 'moons',
    n: 200,
    noise: 0.15,
    dataSeed: 0,
    hidden: [16, 16],
    activation: 'tanh',
    initSeed: 0,
    optimizer: defaultSettings('adam', 0.03),
    batch: 0,
    step: 150,
    sliceA: 'layers.0.weight[0]',
    sliceB: 'layers.0.weight[1]',
    example: 0,
  };
}

export function defaultState(): PlaygroundState {
  return { view: 'race', race: defaultRace(), train: defaultTrain() };
}

export { SURFACE_NAMES };
