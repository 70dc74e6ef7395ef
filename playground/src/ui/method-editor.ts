import { METHOD_COLORS } from 'gradlab';
import { METHOD_FIELDS, RACE_METHODS, RANGES, SCHEDULES, type MethodSettings, type RaceMethod } from '../state/methods.ts';
import { checkbox, h, select, slider } from './dom.ts';

/** One racer's fieldset: method, its sliders, remove. */
export function methodEditor(
  s: MethodSettings,
  index: number,
  onChange: () => void,
  onRemove: (() => void) | null,
  onMethod: (m: RaceMethod) => void,
  title = `Racer ${index + 1}`,
): HTMLElement {
  const fields = METHOD_FIELDS[s.method];
  const box = h(
    'fieldset',
    { class: 'racer', style: `--racer:${METHOD_COLORS[s.method]}`, 'data-testid': `racer-${index}`, 'data-scope': `racer-${index}` },
    h('legend', {}, h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${title}: ${s.method}`),
  );
  box.append(select('method', RACE_METHODS, s.method, (v) => onMethod(v as RaceMethod)));
  for (const f of fields) {
    if (f === 'nesterov')
      box.append(
        checkbox('Nesterov', s.nesterov, (v) => {
          s.nesterov = v;
          onChange();
        }),
      );
    else if (f === 'bias')
      box.append(
        checkbox('bias correction', s.bias, (v) => {
          s.bias = v;
          onChange();
        }),
      );
    else if (f === 'schedule')
      box.append(
        select('lr schedule', SCHEDULES, s.schedule, (v) => {
          s.schedule = v as MethodSettings['schedule'];
          onChange();
        }),
      );
    else {
      const label = s.method === 'rmsprop' && f === 'beta2' ? 'β (decay of s)' : RANGES[f].label;
      box.append(
        slider(
          label,
          s[f],
          RANGES[f],
          (v) => {
            s[f] = v;
            onChange();
          },
          `racer-${index}-${f}`,
        ),
      );
    }
  }
  if (onRemove)
    box.append(
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          onclick: onRemove,
          'aria-label': `remove racer ${index + 1} (${s.method})`,
          'data-key': 'remove',
        },
        'Remove',
      ),
    );
  return box;
}
