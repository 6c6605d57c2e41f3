// Compares peer-compatible hashing with the peers' SDKs for argv[2] units per scenario and prints the result as
// JSON. peer-hashing.spec.ts runs it as a child: inside Jest's sandbox the hashing loops run ~100 times slower.
import { comparePeers } from './peer-agreement';

// eslint-disable-next-line no-restricted-globals -- a test child process: its argument and its output
process.stdout.write(JSON.stringify(comparePeers(Number(process.argv[2] ?? '100000'), process.argv[3] === 'xp')));
