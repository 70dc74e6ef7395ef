import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `gradlab …args` in-process, capturing stdout and stderr; `io` adds to the CLI's I/O (an `interrupted` source). */
export async function runCli(args: string[], cwd = process.cwd(), io: Partial<CliIO> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    ...io,
  });
  return { code, stdout, stderr };
}
