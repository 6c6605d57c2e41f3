import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Agreement } from './testing/peer-agreement';

const repoRoot = join(__dirname, '..', '..', '..');

/** Runs the comparison in a child Node process: inside Jest's sandbox the 100,000-unit loops run ~100x slower. */
function compareInNode(units: number, forceXpHashing = false): Promise<Agreement[]> {
  const args = ['-r', '@swc-node/register', join(__dirname, 'testing', 'peer-agreement-main.ts'), String(units), ...(forceXpHashing ? ['xp'] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: repoRoot, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Agreement[]),
    );
  });
}

describe('peer-compatible hashing against unleash-client and @growthbook/growthbook', () => {
  let agreements: Agreement[];

  beforeAll(async () => {
    agreements = await compareInNode(100_000);
  });

  it('covers gradual rollouts and variant splits of unleash, growthbook-v1 and growthbook-v2', () => {
    expect(agreements.map((a) => a.scenario)).toEqual([
      expect.stringMatching(/^unleash gradual rollout/),
      expect.stringMatching(/^unleash strategy variants/),
      expect.stringMatching(/^unleash feature variants .* accountId/),
      expect.stringMatching(/^growthbook-v1 gradual rollout/),
      expect.stringMatching(/^growthbook-v1 experiment/),
      expect.stringMatching(/^growthbook-v2 gradual rollout/),
      expect.stringMatching(/^growthbook-v2 experiment/),
    ]);
  });

  it('gives 100,000 units exactly the peer SDK answer in every scenario', () => {
    for (const a of agreements) expect({ scenario: a.scenario, units: a.units, differences: a.differences, first: a.firstDifferences }).toEqual({ scenario: a.scenario, units: 100_000, differences: 0, first: [] });
  });

  it('splits units among all the answers (the agreement is not on a degenerate split)', () => {
    for (const a of agreements) {
      const counts = Object.values(a.answers);
      expect(counts.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...counts)).toBeGreaterThan(5_000);
    }
  });

  it('disagrees with the peers when the same flags hash the xp way (the control)', async () => {
    const control = await compareInNode(2_000, true);
    for (const a of control) expect(a.differences).toBeGreaterThan(200);
  });
});
