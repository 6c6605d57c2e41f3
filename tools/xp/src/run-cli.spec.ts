import type { Area } from './command';
import { runCli } from './run-cli';
import { statsArea } from './stats/stats-area';

const areas: Record<string, Area> = {
  stats: statsArea,
  demo: {
    crash: () => {
      throw new TypeError('boom');
    },
  },
};

describe('runCli', () => {
  it('runs `stats srm` on the stdin JSON and returns its result with exit 0', () => {
    const outcome = runCli(['stats', 'srm'], '{"observed":[5000,5000],"weights":[1,1]}', areas);
    expect(outcome).toEqual({ exitCode: 0, output: { chiSquare: 0, df: 1, pValue: 1, mismatch: false } });
  });

  it('wraps adjusted p-values in {"adjusted": [...]} in input order', () => {
    const outcome = runCli(['stats', 'adjust'], '{"method":"holm","pValues":[0.04,0.01]}', areas);
    expect(outcome.output).toEqual({ adjusted: [0.04, 0.02] });
  });

  it.each([
    ['an unknown area', ['nope', 'x'], '{}', 'USAGE'],
    ['an unknown command', ['stats', 'median'], '{}', 'USAGE'],
    ['extra arguments', ['stats', 'srm', '--pretty'], '{}', 'USAGE'],
    ['empty stdin', ['stats', 'srm'], '  ', 'INVALID_JSON'],
    ['malformed JSON', ['stats', 'srm'], '{"observed":', 'INVALID_JSON'],
    ['a schema violation', ['stats', 'srm'], '{"observed":[1],"weights":[1]}', 'INVALID_INPUT'],
    ['a statistics dead end', ['stats', 'compare'], '{"metric":"mean","method":"fixed","control":{"n":1,"sum":1,"sumSquares":1},"treatment":{"n":5,"sum":1,"sumSquares":1}}', 'INSUFFICIENT_SAMPLE'],
  ])('reports %s as a JSON error with exit code 2', (_label, args, stdin, code) => {
    const outcome = runCli(args, stdin, areas);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.output).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it('reports an unexpected failure as INTERNAL with exit 1 and no stack trace', () => {
    const outcome = runCli(['demo', 'crash'], '{}', areas);
    expect(outcome).toEqual({ exitCode: 1, output: { error: { code: 'INTERNAL', message: 'boom' } } });
  });
});
