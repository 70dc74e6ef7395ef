import {
  Adam,
  AdamW,
  Adamax,
  LRScheduler,
  METHODS,
  type Optimizer,
  type Schedule,
  type Tensor,
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  inverseSqrtDecay,
  stepDecay,
} from 'gradlab';

/** The methods a learner can race: the seven of the lessons plus AdamW and Adamax. */
export const RACE_METHODS = ['gd', 'sgd', 'minibatch', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adamw', 'adamax'] as const;
export type RaceMethod = (typeof RACE_METHODS)[number];
export const SCHEDULES = ['constant', 'step', 'exp', 'invsqrt', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

/** One racer's settings; fields a method does not use are kept but ignored. */
export interface MethodSettings {
  method: RaceMethod;
  lr: number;
  beta1: number;
  beta2: number;
  momentum: number;
  eps: number;
  nesterov: boolean;
  bias: boolean;
  schedule: ScheduleName;
}

export type NumberField = 'lr' | 'beta1' | 'beta2' | 'momentum' | 'eps';
export type Field = NumberField | 'nesterov' | 'bias' | 'schedule';

/** The settings each method reads (shown as its sliders, written to the URL). */
export const METHOD_FIELDS: Readonly<Record<RaceMethod, readonly Field[]>> = {
  gd: ['lr', 'schedule'],
  sgd: ['lr', 'schedule'],
  minibatch: ['lr', 'schedule'],
  momentum: ['lr', 'momentum', 'nesterov', 'schedule'],
  adagrad: ['lr', 'eps', 'schedule'],
  rmsprop: ['lr', 'beta2', 'eps', 'momentum', 'schedule'],
  adam: ['lr', 'beta1', 'beta2', 'eps', 'bias', 'schedule'],
  adamw: ['lr', 'beta1', 'beta2', 'eps', 'bias', 'schedule'],
  adamax: ['lr', 'beta1', 'beta2', 'eps', 'schedule'],
};

/** Slider ranges; lr and eps move on a log scale. */
export const RANGES: Readonly<Record<NumberField, { min: number; max: number; log: boolean; label: string }>> = {
  lr: { min: 1e-5, max: 10, log: true, label: 'learning rate η' },
  beta1: { min: 0, max: 0.999, log: false, label: 'β1 (momentum of m)' },
  beta2: { min: 0, max: 0.9999, log: false, label: 'β2 (decay of v)' },
  momentum: { min: 0, max: 0.99, log: false, label: 'momentum μ' },
  eps: { min: 1e-12, max: 1, log: true, label: 'ε' },
};

export function defaultSettings(method: RaceMethod, lr?: number): MethodSettings {
  return {
    method,
    lr: lr ?? (method === 'adamw' || method === 'adamax' ? 0.002 : METHODS[method].lr),
    beta1: 0.9,
    beta2: method === 'rmsprop' ? 0.9 : 0.999,
    momentum: method === 'momentum' ? 0.9 : 0,
    eps: method === 'adagrad' ? 1e-10 : 1e-8,
    nesterov: false,
    bias: true,
    schedule: 'constant',
  };
}

/** The gradlab optimizer options the settings stand for (the same object "copy as code" prints). */
export function optimizerOptions(s: MethodSettings): Record<string, number | boolean> {
  switch (s.method) {
    case 'gd':
    case 'sgd':
    case 'minibatch':
      return { lr: s.lr };
    case 'momentum':
      return { lr: s.lr, momentum: s.momentum, nesterov: s.nesterov && s.momentum > 0 };
    case 'adagrad':
      return { lr: s.lr, eps: s.eps };
    case 'rmsprop':
      return { lr: s.lr, beta: s.beta2, eps: s.eps, momentum: s.momentum };
    case 'adam':
    case 'adamw':
      return { lr: s.lr, beta1: s.beta1, beta2: s.beta2, eps: s.eps, biasCorrection: s.bias };
    case 'adamax':
      return { lr: s.lr, beta1: s.beta1, beta2: s.beta2, eps: s.eps };
  }
}

export function createOptimizer(s: MethodSettings, params: Tensor[]): Optimizer {
  const options = optimizerOptions(s);
  if (s.method === 'adamw') return new AdamW(params, options);
  if (s.method === 'adamax') return new Adamax(params, options);
  if (s.method === 'adam') return new Adam(params, options);
  return METHODS[s.method].create(params, options);
}

/** The schedule as gradlab builds it; `steps` sizes the step and cosine schedules. */
export function makeSchedule(name: ScheduleName, steps: number): Schedule {
  switch (name) {
    case 'constant':
      return constantSchedule();
    case 'step':
      return stepDecay({ stepSize: Math.max(1, Math.round(steps / 4)), gamma: 0.5 });
    case 'exp':
      return exponentialDecay({ gamma: 0.99 });
    case 'invsqrt':
      return inverseSqrtDecay();
    case 'cosine':
      return cosineDecay({ totalSteps: Math.max(1, steps) });
  }
}

/** The code for a schedule, for "copy as code". */
export function scheduleCode(name: ScheduleName, steps: number): string {
  switch (name) {
    case 'constant':
      return 'constantSchedule()';
    case 'step':
      return `stepDecay({ stepSize: ${Math.max(1, Math.round(steps / 4))}, gamma: 0.5 })`;
    case 'exp':
      return 'exponentialDecay({ gamma: 0.99 })';
    case 'invsqrt':
      return 'inverseSqrtDecay()';
    case 'cosine':
      return `cosineDecay({ totalSteps: ${Math.max(1, steps)} })`;
  }
}

export function createScheduler(s: MethodSettings, optimizer: Optimizer, steps: number): LRScheduler | null {
  return s.schedule === 'constant' ? null : new LRScheduler(optimizer, makeSchedule(s.schedule, steps));
}
