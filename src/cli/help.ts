import type { CommandSpec, FlagSpec } from './args.ts';

const WIDTH = 80;

/** Word-wraps `text` to WIDTH columns; lines after the first are indented by `indent`. */
export function wrap(text: string, indent: number, firstWidth = WIDTH): string {
  const lines: string[] = [];
  let line = '';
  let width = firstWidth;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
      width = WIDTH - indent;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Aligned two-column rows: the left column padded, the right one wrapped under itself. */
function table(rows: [string, string][], indent = 2): string {
  const left = Math.min(30, Math.max(...rows.map(([l]) => l.length)));
  return rows
    .map(([l, r]) => {
      const pad = l.length > left ? `\n${' '.repeat(indent + left + 2)}` : ' '.repeat(left - l.length + 2);
      return `${' '.repeat(indent)}${l}${pad}${wrap(r, indent + left + 2, WIDTH - indent - left - 2)}`;
    })
    .join('\n');
}

function flagLabel(flag: FlagSpec): string {
  return flag.value === undefined ? `--${flag.name}` : `--${flag.name} ${flag.value}`;
}

function flagText(flag: FlagSpec): string {
  const notes = [flag.required ? 'required' : '', flag.defaultText !== undefined ? `default: ${flag.defaultText}` : ''].filter(Boolean);
  return notes.length > 0 ? `${flag.description} (${notes.join('; ')})` : flag.description;
}

/** `gradlab <command> --help`: usage line, options table (from the flag table), examples. */
export function commandHelp(command: CommandSpec): string {
  const required = command.flags.filter((f) => f.required).map(flagLabel);
  const usage = ['gradlab', command.name, ...required, command.flags.some((f) => !f.required) ? '[options]' : ''].filter(Boolean).join(' ');
  const rows: [string, string][] = command.flags.map((f) => [flagLabel(f), flagText(f)]);
  rows.push(['-h, --help', 'show this help']);
  const parts = [wrap(`gradlab ${command.name}: ${command.summary}`, 2), `Usage: ${usage}`, `Options:\n${table(rows)}`];
  if (command.examples && command.examples.length > 0) parts.push(`Examples:\n${command.examples.map((e) => `  ${e}`).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}

/** `gradlab --help`: the commands and where to read more. */
export function globalHelp(commands: readonly CommandSpec[], version: string): string {
  return [
    `gradlab ${version}: a tiny autodiff and training lab. Train classifiers on bundled datasets or CSV files, race the seven gradient-descent optimizers, and trace them on 2-D test functions.`,
    'Usage: gradlab <command> [options]',
    `Commands:\n${table(commands.map((c) => [c.name, c.summary]))}`,
    `Options:\n${table([
      ['-h, --help', 'show help (also: gradlab <command> --help, gradlab help <command>)'],
      ['-v, --version', 'print the version'],
    ])}`,
    "Run 'gradlab <command> --help' for a command's options.",
  ]
    .map((p, i) => (i === 0 ? wrap(p, 0) : p))
    .join('\n\n')
    .concat('\n');
}
