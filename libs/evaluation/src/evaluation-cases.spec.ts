import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RulesetSchema } from '@xp/contracts';
import { bucketOf } from './hashing/bucket';
import { compileRuleset } from './compile-ruleset';
import { EvaluationResult } from './evaluation-result';
import { fnv1a32 } from './hashing/fnv1a';
import { murmur3 } from './hashing/murmur3';
import { murmur3CodeUnits } from './hashing/murmur3-code-units';

interface CaseTable {
  version: number;
  hashVectors: { input: string; murmur3: number }[];
  bucketVectors: { salt: string; unit: string; bucket: number }[];
  murmur3CodeUnitVectors: { input: string; seed: number; hash: number }[];
  fnv1aVectors: { input: string; hash: number }[];
  suites: {
    name: string;
    ruleset: unknown;
    cases: { name: string; flag: string; unit: string | null; attributes: Record<string, unknown>; expected: Partial<EvaluationResult> }[];
  }[];
}

const table: CaseTable = JSON.parse(readFileSync(join(__dirname, '../cases/evaluation-cases.v1.json'), 'utf8'));
const OPTIONAL_FIELDS = ['errorCode', 'ruleId', 'experiment', 'holdout'] as const;

describe('evaluation case table v1', () => {
  it('is version 1 and holds at least 700 cases', () => {
    const vectors = table.hashVectors.length + table.bucketVectors.length + table.murmur3CodeUnitVectors.length + table.fnv1aVectors.length;
    const count = vectors + table.suites.reduce((n, s) => n + s.cases.length, 0);
    expect(table.version).toBe(1);
    expect(count).toBeGreaterThanOrEqual(700);
  });

  it.each(table.hashVectors.map((v) => [v.input, v.murmur3]))('murmur3(%j) = %d (Python mmh3)', (input, expected) => {
    expect(murmur3(input as string)).toBe(expected);
  });

  it.each(table.bucketVectors.map((v) => [v.salt, v.unit, v.bucket]))('bucket of %j:%j is %d', (salt, unit, expected) => {
    expect(bucketOf(salt as string, unit as string)).toBe(expected);
  });

  it.each(table.murmur3CodeUnitVectors.map((v) => [v.input, v.seed, v.hash]))('unleash murmur3(%j, seed %d) = %d (Python mmh3 over code-unit low bytes)', (input, seed, expected) => {
    expect(murmur3CodeUnits(input as string, seed as number)).toBe(expected);
  });

  it.each(table.fnv1aVectors.map((v) => [v.input, v.hash]))('fnv1a32(%j) = %d (Python, UTF-16 code units)', (input, expected) => {
    expect(fnv1a32(input as string)).toBe(expected);
  });

  describe.each(table.suites.map((s) => [s.name, s] as const))('%s', (_name, suite) => {
    const evaluator = compileRuleset(RulesetSchema.parse(suite.ruleset));

    it.each(suite.cases.map((c) => [c.name, c] as const))('%s', (_caseName, c) => {
      const result = evaluator.evaluateFlag(c.flag, c.unit, c.attributes);
      expect(result.flagKey).toBe(c.flag);
      expect(result.variant).toBe(c.expected.variant);
      expect(result.reason).toBe(c.expected.reason);
      if ('value' in c.expected) expect(result.value).toEqual(c.expected.value);
      for (const field of OPTIONAL_FIELDS) expect({ [field]: result[field] }).toEqual({ [field]: c.expected[field] });
      // Evaluating all flags at once must give the same answer as evaluating this flag alone.
      expect(evaluator.evaluate(c.unit, c.attributes, [c.flag])[0]).toEqual(result);
    });
  });
});
