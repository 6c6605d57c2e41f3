import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { FalseAlarms, Scenario } from './aa-simulation';

const repoRoot = join(__dirname, '..', '..', '..', '..');

/** simulateAA for each scenario, in a child Node process (see simulate-aa-main.ts for why). */
export function simulateInNode(scenarios: Scenario[]): Promise<FalseAlarms[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'simulate-aa-main.ts'), JSON.stringify(scenarios)],
      { cwd: repoRoot, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as FalseAlarms[])),
    );
  });
}
