import { CliError } from '../cli-error';
import { runSqlQuery, runSqlRepl } from './run-sql';
import { parseSqlOptions } from './sql-options';

/** `xp sql "<query>"` prints one answer; `xp sql` alone reads queries (a REPL). Errors on stderr, exit 1 (2: usage). */
export async function runSqlCommand(args: string[]): Promise<number> {
  try {
    const options = parseSqlOptions(args, process.env);
    if (options.query === undefined) {
      return await runSqlRepl(options, { input: process.stdin, output: process.stdout, error: process.stderr, interactive: Boolean(process.stdin.isTTY) });
    }
    process.stdout.write(await runSqlQuery(options.query, options));
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return error instanceof CliError && error.code === 'USAGE' ? 2 : 1;
  }
}
