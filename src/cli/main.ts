import '../node/index.ts'; // the Node adapters: WebAssembly kernels, checkpoint files, stdout progress
import { didYouMean, parseFlags, UsageError } from './args.ts';
import { commandHelp, globalHelp } from './help.ts';
import { defaultIO, type CliIO, type Command } from './io.ts';
import { version } from './version.ts';
import { datasetsCommand } from './commands/datasets.ts';
import { trainCommand } from './commands/train.ts';
import { evaluateCommand } from './commands/evaluate.ts';
import { compareCommand } from './commands/compare.ts';
import { surfaceCommand } from './commands/surface.ts';
import { predictCommand } from './commands/predict.ts';
import { exportCommand } from './commands/export.ts';

/** The subcommands in the order --help lists them. */
export const COMMANDS: readonly Command[] = [
  trainCommand,
  compareCommand,
  surfaceCommand,
  evaluateCommand,
  predictCommand,
  exportCommand,
  datasetsCommand,
];

/**
 * Runs `gradlab <argv…>` and returns the exit status: 0 success, 1 runtime error (missing file, bad
 * CSV; the message only, no stack trace unless GRADLAB_DEBUG is set), 2 usage error (unknown
 * command or flag, bad value). Never calls process.exit, so tests can drive it in-process.
 */
export async function main(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const out: CliIO = { ...defaultIO(), ...io };
  const [first, ...rest] = argv;
  const names = COMMANDS.map((c) => c.spec.name);
  if (first === undefined) {
    out.stderr.write(
      globalHelp(
        COMMANDS.map((c) => c.spec),
        version(),
      ),
    );
    return 2;
  }
  if (first === '--help' || first === '-h')
    return write(
      out,
      globalHelp(
        COMMANDS.map((c) => c.spec),
        version(),
      ),
    );
  if (first === '--version' || first === '-v') return write(out, `${version()}\n`);
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined)
      return write(
        out,
        globalHelp(
          COMMANDS.map((c) => c.spec),
          version(),
        ),
      );
    const command = COMMANDS.find((c) => c.spec.name === topic);
    if (!command) return usageError(out, 'gradlab help', unknownCommand(topic, names), 'gradlab --help');
    return write(out, commandHelp(command.spec));
  }
  const command = COMMANDS.find((c) => c.spec.name === first);
  if (!command) {
    const message = first.startsWith('-')
      ? `unknown option ${first}; a command comes first (${names.join(', ')})`
      : unknownCommand(first, names);
    return usageError(out, 'gradlab', message, 'gradlab --help');
  }
  const where = `gradlab ${command.spec.name}`;
  try {
    const parsed = parseFlags(command.spec, rest);
    if (parsed.help) return write(out, commandHelp(command.spec));
    return await command.run(parsed.values, out);
  } catch (error) {
    if (error instanceof UsageError) return usageError(out, where, error.message, `${where} --help`);
    const message = error instanceof Error ? error.message : String(error);
    out.stderr.write(`${where}: ${message}\n`);
    if (process.env.GRADLAB_DEBUG && error instanceof Error && error.stack) out.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

function unknownCommand(name: string, names: readonly string[]): string {
  const guess = didYouMean(name, names);
  return `unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ''}; commands: ${names.join(', ')}`;
}

function write(io: CliIO, text: string): number {
  io.stdout.write(text);
  return 0;
}

function usageError(io: CliIO, where: string, message: string, helpCommand: string): number {
  io.stderr.write(`${where}: ${message}\nRun '${helpCommand}' for usage.\n`);
  return 2;
}
