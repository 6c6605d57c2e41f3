/*
 * What an analyst may run, checked before the read-only connection sees it (readonly = 1 already
 * refuses writes, SET, SETTINGS and most table functions; this refuses what it still lets through:
 * KILL QUERY, SYSTEM, USE, several statements at once, and table functions that reach outside).
 */

/** Table functions that only compute: everything else (file, url, s3, remote, mysql...) is refused. */
const SAFE_TABLE_FUNCTIONS = new Set(['numbers', 'numbers_mt', 'zeros', 'zeros_mt', 'generateRandom', 'values', 'view', 'null']);

/** First keywords of the statements analysts run: queries and introspection. */
const READ_STATEMENTS = new Set(['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXISTS', 'EXPLAIN']);

export interface StatementProblem {
  /** ClickHouse error code and name, so that clients show them as the server's own. */
  code: number;
  name: string;
  message: string;
}

const refused = (message: string): StatementProblem => ({ code: 497, name: 'ACCESS_DENIED', message });

/**
 * The query's text with string literals, quoted identifiers and comments blanked (same length),
 * by ClickHouse's lexical rules: '...' and "..." and `...` with backslash and doubled-quote
 * escapes, $tag$...$tag$ heredocs, -- and # line comments, /* *\/ block comments.
 */
export function maskLiterals(sql: string): string {
  let out = '';
  let i = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < sql.length) {
    const c = sql[i];
    const rest = sql.slice(i);
    let end = -1;
    if (c === "'" || c === '"' || c === '`') {
      end = i + 1;
      while (end < sql.length) {
        if (sql[end] === '\\') end += 2;
        else if (sql[end] === c && sql[end + 1] === c) end += 2;
        else if (sql[end] === c) break;
        else end += 1;
      }
      end = Math.min(sql.length, end + 1);
    } else if (rest.startsWith('--') || c === '#') {
      const newline = sql.indexOf('\n', i);
      end = newline < 0 ? sql.length : newline;
    } else if (rest.startsWith('/*')) {
      const close = sql.indexOf('*/', i + 2);
      end = close < 0 ? sql.length : close + 2;
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        end = close < 0 ? sql.length : close + tag[0].length;
      }
    }
    if (end > i) {
      out += blank(sql.slice(i, end));
      i = end;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Checks the text: one statement (a trailing ';' allowed), of a reading kind. */
export function textProblem(sql: string): StatementProblem | undefined {
  const masked = maskLiterals(sql).trim();
  if (masked.length === 0) return { code: 62, name: 'SYNTAX_ERROR', message: 'Empty query' };
  const body = masked.replace(/;\s*$/, '');
  if (body.includes(';')) return refused('Only one statement per request (as a ClickHouse server over HTTP)');
  const first = /^[\s(]*([A-Za-z]+)/.exec(body)?.[1]?.toUpperCase();
  if (!first || !READ_STATEMENTS.has(first)) {
    return refused(`${first ?? 'This statement'} is not allowed: this endpoint is read-only (SELECT, WITH, SHOW, DESCRIBE, EXISTS, EXPLAIN)`);
  }
  return undefined;
}

/** Checks ClickHouse's own parse (EXPLAIN AST): no table function outside the safe ones. */
export function astProblem(ast: string): StatementProblem | undefined {
  const lines = ast.split('\n');
  for (let i = 0; i < lines.length - 1; i += 1) {
    if (!lines[i].trim().startsWith('TableExpression')) continue;
    const child = /^\s*Function (\S+)/.exec(lines[i + 1]);
    if (child && !SAFE_TABLE_FUNCTIONS.has(child[1])) {
      return refused(`Table function ${child[1]}() is not allowed: it reads outside the platform's data (allowed: ${[...SAFE_TABLE_FUNCTIONS].join(', ')})`);
    }
  }
  return undefined;
}
