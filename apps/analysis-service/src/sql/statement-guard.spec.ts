import { astProblem, maskLiterals, textProblem } from './statement-guard';

describe('statement guard of the analysts SQL endpoint', () => {
  it.each(['SELECT 1', 'select * from events', ' WITH x AS (SELECT 1) SELECT * FROM x', '(SELECT 1) UNION ALL (SELECT 2)', 'SHOW TABLES', 'DESCRIBE TABLE events_raw', 'EXISTS TABLE t', 'EXPLAIN SELECT 1', 'SELECT 1;', "SELECT 'a;b' -- ; comment", 'SELECT 1 /* ; */', 'SELECT $$;$$'])(
    'lets %p through',
    (sql) => expect(textProblem(sql)).toBeUndefined(),
  );

  it.each([
    ['INSERT INTO t VALUES (1)', 'INSERT'],
    ['ALTER TABLE t DELETE WHERE 1', 'ALTER'],
    ['DROP TABLE events_raw', 'DROP'],
    ['CREATE TABLE x (a UInt8) ENGINE = Memory', 'CREATE'],
    ['SET max_threads = 8', 'SET'],
    ['KILL QUERY WHERE 1', 'KILL'],
    ['SYSTEM STOP MERGES', 'SYSTEM'],
    ['USE system', 'USE'],
    ['OPTIMIZE TABLE t FINAL', 'OPTIMIZE'],
    ['TRUNCATE TABLE t', 'TRUNCATE'],
    ['SELECT 1; DROP TABLE t', 'one statement'],
    ["SELECT ';'; SYSTEM STOP MERGES", 'one statement'],
  ])('refuses %p', (sql, why) => {
    expect(textProblem(sql)).toMatchObject({ code: 497, name: 'ACCESS_DENIED', message: expect.stringContaining(why) });
  });

  it('masks strings, quoted names, heredocs and comments without moving anything', () => {
    const sql = "SELECT 'it''s; \\'x', \"a;b\", `c;d`, $t$e;f$t$ -- g;h\n/* i;j */ 1";
    const masked = maskLiterals(sql);
    expect(masked).toHaveLength(sql.length);
    expect(masked).not.toContain(';');
    expect(masked.trim().endsWith('1')).toBe(true);
  });

  it('refuses table functions that read files, URLs or other servers, from the engine parse', () => {
    const ast = (fn: string) => `SelectWithUnionQuery (children 1)\n ExpressionList (children 1)\n  SelectQuery (children 2)\n   TablesInSelectQuery (children 1)\n    TablesInSelectQueryElement (children 1)\n     TableExpression (children 1)\n      Function ${fn} (children 1)\n`;
    for (const fn of ['file', 'url', 's3', 'remote', 'mysql', 'postgresql', 'executable', 'cluster']) {
      expect(astProblem(ast(fn))).toMatchObject({ name: 'ACCESS_DENIED', message: expect.stringContaining(`${fn}()`) });
    }
    expect(astProblem(ast('numbers'))).toBeUndefined();
    expect(astProblem('SelectWithUnionQuery (children 1)\n Function count\n')).toBeUndefined();
  });
});
