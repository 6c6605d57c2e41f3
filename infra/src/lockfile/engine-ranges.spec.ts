import { engineMismatches, lowestVersions } from './engine-ranges';
import { Lockfile } from './lockfile';

describe('engines of locked packages against the project engines field', () => {
  it('takes the lowest version of each alternative of a range', () => {
    expect(lowestVersions('^20.19.0 || ^22.13.0 || >=24.11.0')).toEqual(['20.19.0', '22.13.0', '24.11.0']);
    expect(lowestVersions('>=20.19')).toEqual(['20.19.0']);
  });

  it('lists a package whose engines exclude a Node version the project promises (what npm warns EBADENGINE for)', () => {
    const lock: Lockfile = {
      lockfileVersion: 3,
      packages: {
        '': { engines: { node: '>=20.19' } },
        'node_modules/a/node_modules/content-disposition': { version: '3.0.0', engines: { node: '>=22' } },
        'node_modules/fine': { version: '1.0.0', engines: { node: '>=18' } },
        'node_modules/typeorm': { version: '1.1.1', engines: { node: '^20.19.0 || ^22.13.0 || >=24.11.0' } },
      },
    };
    expect(engineMismatches(lock, '^20.19.0 || ^22.13.0 || >=24.11.0')).toEqual([
      { package: 'content-disposition', version: '3.0.0', requires: '>=22', excludes: '20.19.0' },
    ]);
    expect(engineMismatches(lock, '>=20.19').map((m) => `${m.package} ${m.excludes}`)).toEqual(['content-disposition 20.19.0']);
    expect(engineMismatches(lock, '>=22').map((m) => `${m.package} ${m.excludes}`)).toEqual(['typeorm 22.0.0']);
  });

  it('the committed lock agrees with package.json engines', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lock = require('../../../package-lock.json') as Lockfile;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { engines } = require('../../../package.json') as { engines: { node: string } };
    expect(engineMismatches(lock, engines.node)).toEqual([]);
  });
});
