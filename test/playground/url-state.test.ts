import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../playground/src/state/url.ts';
import { defaultState } from '../../playground/src/state/schema.ts';
import { defaultSettings } from '../../playground/src/state/methods.ts';

describe('state in the URL', () => {
  it('round-trips every setting exactly, numbers included', () => {
    const st = defaultState();
    st.view = 'train';
    st.race.surface = 'custom';
    st.race.expr = 'x^2 + 3*y^2 & (x)';
    st.race.start = [0.1 + 0.2, -1 / 3];
    st.race.methods = [
      { ...defaultSettings('adam', 0.0123456789), bias: false, schedule: 'cosine', beta2: 0.95 },
      { ...defaultSettings('momentum', 1e-3), nesterov: true },
    ];
    st.race.selected = 1;
    st.race.step = 42;
    st.train.hidden = [8, 4];
    st.train.step = 300;
    const back = decodeState(encodeState(st));
    expect(back.message).toBeNull();
    expect(back.state).toEqual(st);
  });

  it('a damaged link names what it ignored and keeps the rest', () => {
    const good = encodeState(defaultState());
    const damaged = good.replace(/start=[^&]*/, 'start=abc').replace(/m0=[^&]*/, 'm0=adamz;lr:1') + '&zzz=1&steps=-4';
    const { state, ignored, message } = decodeState(damaged);
    expect(ignored).toEqual([
      'start=abc (expected two numbers x,y)',
      'steps=-4 (expected a whole number from 1 to 5000)',
      "m0=adamz;lr:1 (unknown method 'adamz'; expected one of gd, sgd, minibatch, momentum, adagrad, rmsprop, adam, adamw, adamax)",
      'sel=3 (expected a racer index in [0, 2])',
      'zzz (not a setting of this page)',
    ]);
    expect(message).toMatch(/^Parts of this link could not be read\. Ignored \(defaults used instead\): start=abc/);
    expect(state.race.start).toEqual(defaultState().race.start);
    expect(state.race.methods.map((m) => m.method)).toEqual(['momentum', 'rmsprop', 'adam']);
  });

  it('a link that names a dropped CSV says the file is not in it and trains on the generated set', () => {
    const { state, ignored } = decodeState('v=1&view=train&data=csv&noise=0.3');
    expect(ignored).toEqual(['data=csv (a dropped CSV file is not part of a link; drop the file again, moons until then)']);
    expect([state.view, state.train.data, state.train.noise]).toEqual(['train', 'moons', 0.3]);
  });

  it('another version is read where it fits and said so', () => {
    const { message, state } = decodeState('v=7&view=graph&f=saddle');
    expect(message).toBe('This link is from playground version 7; this page reads version 1. Every setting in it was read.');
    expect(state.view).toBe('graph');
    expect(state.race.surface).toBe('saddle');
  });

  it('never throws on garbage', () => {
    for (const junk of ['%E0%A4%A', '&&&', '=', 'v=1&m0=', 'v=1&m0=adam;lr:NaN;b1:2;sch:weekly;bias:yes', 'x'.repeat(5000)]) {
      expect(() => decodeState(junk)).not.toThrow();
    }
    expect(decodeState('v=1&m0=adam;lr:NaN;b1:2').ignored).toEqual([
      'm0: lr:NaN (expected a number in [0.00001, 10])',
      'm0: b1:2 (expected a number in [0, 0.999])',
    ]);
  });
});
