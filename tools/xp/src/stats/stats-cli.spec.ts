// Runs the real CLI as analysts do (a child process, JSON on stdin), on the issue's worked example.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../../..');

function xp(args: string[], input: string) {
  const run = spawnSync('node', ['-r', '@swc-node/register', 'tools/xp/src/main.ts', ...args], { cwd: repoRoot, input, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('xp stats (spawned)', () => {
  it('compare prints the worked example of the analysis issue to 5 decimals', () => {
    const input = {
      metric: 'mean',
      method: 'fixed',
      alpha: 0.05,
      control: { n: 3407, sum: 1396.87, sumSquares: 52377.9767 },
      treatment: { n: 3461, sum: 2422.7, sumSquares: 134698.29 },
    };
    const run = xp(['stats', 'compare'], JSON.stringify(input));
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    const rounded = (v: number) => Number(v.toFixed(5));
    expect(rounded(out.absolute.estimate)).toBe(0.29);
    expect(out.absolute.ci.map(rounded)).toEqual([0.04538, 0.53462]);
    expect(rounded(out.absolute.pValue)).toBe(0.02016);
    expect(rounded(out.relative.estimate)).toBe(0.70732);
    expect(out.relative.ci.map(rounded)).toEqual([-0.03526, 1.44989]);
    expect(rounded(out.relative.pValue)).toBe(0.06191);
    expect(Object.keys(out.absolute).sort()).toEqual(['ci', 'estimate', 'pValue', 'se']);
  });

  it('bad input exits non-zero with one JSON error object on stdout and nothing on stderr', () => {
    const run = xp(['stats', 'compare'], '{"metric":"mean","method":"magic"}');
    expect(run.status).toBe(2);
    const out = JSON.parse(run.stdout);
    expect(out.error.code).toBe('INVALID_INPUT');
    expect(out.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['method', 'control', 'treatment']));
    expect(run.stderr).toBe('');
  });

  it('plan prints the sequential sample size with its N* next to the fixed-horizon one', () => {
    const run = xp(['stats', 'plan'], JSON.stringify({ alpha: 0.05, mde: 0.02, variance: 0.09, treatmentVariance: 0.1056, power: 0.8, looks: 50 }));
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.fixedHorizonNPerArm).toBe(3839);
    expect(out.sequential.nPerArm).toBeGreaterThan(out.fixedHorizonNPerArm);
    expect(out.sequential.tuning).toBe(2 * out.sequential.nPerArm);
  });
});
