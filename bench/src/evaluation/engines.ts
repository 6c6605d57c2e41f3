import { GrowthBookClient } from '@growthbook/growthbook';
import type { Ruleset } from '@xp/contracts';
import { compileRuleset } from '@xp/evaluation';
import { InMemStorageProvider, Unleash } from 'unleash-client';
import { growthBookAttributes, toGrowthBook } from './to-growthbook';
import { toUnleash, unleashProperties } from './to-unleash';
import type { Profile } from './workload';

/** One product under test: `run` evaluates every flag for units [from, from + count) and returns a checksum. */
export interface Engine {
  name: string;
  run(from: number, count: number): number;
  /** The values served to one unit, in flag order (for the translation check, not timed). */
  values(unit: number): unknown[];
  close(): void;
}

export interface Population {
  unitIds: readonly string[];
  profiles: readonly Profile[];
}

const profileOf = (p: Population, unit: number) => p.profiles[unit % p.profiles.length];

/** Ours, the way assignment-service calls it: all flags of the ruleset in one `evaluate` call per unit. */
export function xpEngine(ruleset: Ruleset, p: Population): Engine {
  const evaluator = compileRuleset(ruleset);
  return {
    name: '@xp/evaluation',
    run(from, count) {
      let served = 0;
      for (let u = from; u < from + count; u++) {
        const results = evaluator.evaluate(p.unitIds[u], profileOf(p, u));
        for (let i = 0; i < results.length; i++) if (results[i].ruleId !== undefined) served++;
      }
      return served;
    },
    values: (u) => evaluator.evaluate(p.unitIds[u], profileOf(p, u)).map((r) => r.value),
    close: () => undefined,
  };
}

/** Ours, one `evaluateFlag` call per flag (the OpenFeature provider's pattern). */
export function xpPerFlagEngine(ruleset: Ruleset, p: Population): Engine {
  const evaluator = compileRuleset(ruleset);
  const keys = evaluator.flagKeys;
  return {
    name: '@xp/evaluation (per flag)',
    run(from, count) {
      let served = 0;
      for (let u = from; u < from + count; u++) {
        const unit = p.unitIds[u];
        const attributes = profileOf(p, u);
        for (let i = 0; i < keys.length; i++) if (evaluator.evaluateFlag(keys[i], unit, attributes).ruleId !== undefined) served++;
      }
      return served;
    },
    values: (u) => keys.map((k) => evaluator.evaluateFlag(k, p.unitIds[u], profileOf(p, u)).value),
    close: () => undefined,
  };
}

/**
 * GrowthBook's multi-user server client: payload loaded with initSync (no network), one scoped
 * instance per unit, evalFeature per flag. (Of the three local paths tried, this was the fastest:
 * `client.evalFeature(key, user)` ~10 % and `new GrowthBook().setAttributes()` ~35 % slower.)
 */
export function growthBookEngine(ruleset: Ruleset, p: Population): Engine {
  const client = new GrowthBookClient().initSync({ payload: toGrowthBook(ruleset) });
  const keys = ruleset.flags.map((f) => f.key);
  return {
    name: '@growthbook/growthbook',
    run(from, count) {
      let served = 0;
      for (let u = from; u < from + count; u++) {
        const gb = client.createScopedInstance({ attributes: growthBookAttributes(p.unitIds[u], profileOf(p, u)) });
        for (let i = 0; i < keys.length; i++) if (gb.evalFeature(keys[i]).source !== 'defaultValue') served++;
      }
      return served;
    },
    values(u) {
      const gb = client.createScopedInstance({ attributes: growthBookAttributes(p.unitIds[u], profileOf(p, u)) });
      return keys.map((k) => gb.evalFeature(k).value);
    },
    close: () => client.destroy(),
  };
}

/** Unleash's Node client bootstrapped in memory (refreshInterval 0: no fetch, metrics off). */
export async function unleashEngine(ruleset: Ruleset, p: Population): Promise<Engine> {
  const { features, segments } = toUnleash(ruleset);
  const unleash = new Unleash({
    appName: 'xp-bench',
    url: 'http://127.0.0.1:9/never-called',
    refreshInterval: 0,
    disableMetrics: true,
    skipInstanceCountWarning: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: features as never, segments: segments as never },
  });
  unleash.on('error', (error: Error) => console.error('unleash error:', error.message));
  await new Promise<void>((resolve) => unleash.once('ready', () => resolve()));
  const flags = ruleset.flags.map((f) => ({ key: f.key, boolean: f.valueType === 'boolean', number: f.valueType === 'number', off: f.variants.find((v) => v.key === f.offVariant)?.value }));
  const properties = p.profiles.map(unleashProperties);
  const contextOf = (u: number) => ({ userId: p.unitIds[u], properties: properties[u % properties.length] });
  const valueOf = (flag: (typeof flags)[number], context: ReturnType<typeof contextOf>): unknown => {
    if (flag.boolean) return unleash.isEnabled(flag.key, context);
    const variant = unleash.getVariant(flag.key, context);
    if (!variant.enabled || !variant.payload) return flag.off;
    return flag.number ? Number(variant.payload.value) : variant.payload.value;
  };
  return {
    name: 'unleash-client',
    run(from, count) {
      let served = 0;
      for (let u = from; u < from + count; u++) {
        const context = contextOf(u);
        for (let i = 0; i < flags.length; i++) {
          const flag = flags[i];
          if (flag.boolean ? unleash.isEnabled(flag.key, context) : unleash.getVariant(flag.key, context).enabled) served++;
        }
      }
      return served;
    },
    values: (u) => flags.map((f) => valueOf(f, contextOf(u))),
    close: () => unleash.destroy(),
  };
}
