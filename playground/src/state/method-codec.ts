import {
  METHOD_FIELDS,
  RACE_METHODS,
  RANGES,
  SCHEDULES,
  type MethodSettings,
  type NumberField,
  type RaceMethod,
  defaultSettings,
} from './methods.ts';

/** Each setting's key in a link, short so that seven racers fit in a URL people paste. */
const SHORT: Record<NumberField | 'nesterov' | 'bias' | 'schedule', string> = {
  lr: 'lr',
  beta1: 'b1',
  beta2: 'b2',
  momentum: 'mu',
  eps: 'eps',
  nesterov: 'nest',
  bias: 'bias',
  schedule: 'sch',
};

/** `adam;lr:0.1;b1:0.9…`: the method, then only the settings it reads. Numbers print exactly (String round-trips). */
export function encodeMethod(s: MethodSettings): string {
  const parts: string[] = [s.method];
  for (const f of METHOD_FIELDS[s.method]) {
    const v = s[f];
    parts.push(`${SHORT[f]}:${typeof v === 'boolean' ? (v ? 1 : 0) : String(v)}`);
  }
  return parts.join(';');
}

/** Reads `encodeMethod`'s text; problems go to `ignored` and leave that setting at its default. */
export function decodeMethod(text: string, key: string, ignored: string[]): MethodSettings | null {
  const [name, ...parts] = text.split(';');
  if (!(RACE_METHODS as readonly string[]).includes(name ?? '')) {
    ignored.push(`${key}=${text} (unknown method '${name ?? ''}'; expected one of ${RACE_METHODS.join(', ')})`);
    return null;
  }
  const s = defaultSettings(name as RaceMethod);
  for (const part of parts) {
    const [k, v = ''] = part.split(':');
    const field = (Object.keys(SHORT) as (keyof typeof SHORT)[]).find((f) => SHORT[f] === k);
    if (field === undefined) {
      ignored.push(`${key}: ${part} (unknown setting)`);
      continue;
    }
    if (field === 'nesterov' || field === 'bias') {
      if (v === '0' || v === '1') s[field] = v === '1';
      else ignored.push(`${key}: ${part} (expected 0 or 1)`);
    } else if (field === 'schedule') {
      if ((SCHEDULES as readonly string[]).includes(v)) s.schedule = v as MethodSettings['schedule'];
      else ignored.push(`${key}: ${part} (expected one of ${SCHEDULES.join(', ')})`);
    } else {
      const r = RANGES[field];
      const x = Number(v);
      if (v !== '' && Number.isFinite(x) && x >= (r.log ? 0 : r.min) && x <= r.max && !(r.log && x === 0)) s[field] = x;
      else ignored.push(`${key}: ${part} (expected a number in [${r.min}, ${r.max}])`);
    }
  }
  return s;
}
