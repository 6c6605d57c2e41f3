// Runs A/A scenarios (JSON array on argv[2]) in a plain Node process and prints their false alarms
// as one JSON array. Specs run it as a child: inside Jest's sandbox every global lookup (Math.*)
// takes a slow path, about 100 times slower, which turns a minute of simulation into an hour.
import { simulateAA, type Scenario } from './aa-simulation';

const scenarios = JSON.parse(process.argv[2] ?? '[]') as Scenario[];
process.stdout.write(JSON.stringify(scenarios.map((s) => simulateAA(s))));
