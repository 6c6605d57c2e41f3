import { createInterface } from 'node:readline';
import { CliError } from '../cli-error';
import { renderTable } from './render-table';
import type { SqlFormat, SqlOptions } from './sql-options';

// What analysis-service is asked for, per --format (it speaks ClickHouse's HTTP interface).
const ENGINE_FORMAT: Record<SqlFormat, string> = { table: 'JSONCompact', csv: 'CSVWithNames', json: 'JSONEachRow', tsv: 'TSVWithNames' };

/** One query through analysis-service's SQL endpoint, printed in the asked format. */
export async function runSqlQuery(query: string, options: SqlOptions, fetchImpl: typeof fetch = fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(`${options.url}/?default_format=${ENGINE_FORMAT[options.format]}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.key}` },
      body: query,
    });
  } catch (error) {
    throw new CliError('UNREACHABLE', `analysis-service does not answer at ${options.url}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) throw new CliError('QUERY_FAILED', text.trim(), { status: response.status });
  if (options.format !== 'table') return text;
  // A FORMAT clause in the query overrides ours: print what came back as it is.
  if (!text.trimStart().startsWith('{')) return text;
  const result = JSON.parse(text) as { meta: { name: string; type: string }[]; data: unknown[][] };
  return renderTable(result.meta, result.data);
}

/**
 * Queries read from `input` (a terminal or a pipe), each ended by ';' (several lines allowed),
 * answered one by one; an error is printed and the next query read. `\q` or `exit` ends.
 */
export async function runSqlRepl(options: SqlOptions, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; error: NodeJS.WritableStream; interactive: boolean }): Promise<number> {
  const lines = createInterface({ input: io.input, terminal: false });
  const prompt = (text: string) => io.interactive && io.output.write(text);
  let buffer = '';
  let failures = 0;
  prompt('xp sql> ');
  for await (const line of lines) {
    const trimmed = line.trim();
    if (buffer === '' && (trimmed === '\\q' || trimmed === 'exit' || trimmed === 'quit')) break;
    buffer += (buffer ? '\n' : '') + line;
    if (!trimmed.endsWith(';')) {
      if (buffer.trim() !== '') prompt('     -> ');
      else prompt('xp sql> ');
      continue;
    }
    const query = buffer.trim();
    buffer = '';
    try {
      io.output.write(await runSqlQuery(query, options));
    } catch (error) {
      failures += 1;
      io.error.write(`${(error as Error).message}\n`);
    }
    prompt('xp sql> ');
  }
  return failures === 0 ? 0 : 1;
}
