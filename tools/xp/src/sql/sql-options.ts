import { CliError } from '../cli-error';

export type SqlFormat = 'table' | 'csv' | 'json' | 'tsv';

export interface SqlOptions {
  /** undefined: read queries interactively (a REPL), ended by ';'. */
  query?: string;
  format: SqlFormat;
  url: string;
  key: string;
}

export const SQL_USAGE = 'usage: npm run xp -- sql ["<query>"] [--format table|csv|json|tsv]   (XP_API_KEY: a reader key; XP_ANALYSIS_URL: default http://127.0.0.1:3003)';

/** `xp sql` arguments and environment: the query (words joined), the format, where and with which key. */
export function parseSqlOptions(args: string[], env: Record<string, string | undefined>): SqlOptions {
  let format: SqlFormat = 'table';
  const words: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--format') {
      const value = args[++i];
      if (value !== 'table' && value !== 'csv' && value !== 'json' && value !== 'tsv') throw new CliError('USAGE', `--format must be table, csv, json or tsv, got ${JSON.stringify(value ?? '')}\n${SQL_USAGE}`);
      format = value;
    } else if (args[i].startsWith('--')) {
      throw new CliError('USAGE', `unknown option ${args[i]}\n${SQL_USAGE}`);
    } else {
      words.push(args[i]);
    }
  }
  const key = env.XP_API_KEY;
  if (!key) throw new CliError('USAGE', `set XP_API_KEY to a reader (or admin) API key\n${SQL_USAGE}`);
  return { query: words.length > 0 ? words.join(' ') : undefined, format, url: env.XP_ANALYSIS_URL ?? 'http://127.0.0.1:3003', key };
}
