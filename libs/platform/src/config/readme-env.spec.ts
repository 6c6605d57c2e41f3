import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_ENV_VARS } from './env-schema';

const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
const envSection = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## API at a glance'));

describe('README configuration table', () => {
  it.each(KNOWN_ENV_VARS)('documents %s, which the config module reads', (name) => {
    expect(envSection).toContain(`\`${name}\``);
  });

  it('documents no variable the config module does not read', () => {
    const firstCells = [...envSection.matchAll(/^\| (`[^|]+)\|/gm)].map((m) => m[1]);
    const documented = firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]));
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.filter((name) => !KNOWN_ENV_VARS.includes(name))).toEqual([]);
  });
});
