import type { StreamType } from '@xp/contracts';
import type { ReferenceLookup } from '../entities/entity-definition';
import { booleanFlag } from '../testing/fixtures';
import { flagReferenceProblems } from './flag-definition';
import { flagStateFromInput, presentFlag } from './flag-environments';
import { decideKillSwitch } from './flag-kill-switch';
import { decidePromotion } from './flag-promotion';

const lookup = (entries: Partial<Record<StreamType, Record<string, unknown>[]>>): ReferenceLookup =>
  new Map(Object.entries(entries).map(([type, states]) => [type as StreamType, new Map(states.map((s) => [String(s.key), s]))]));

describe('flag environments', () => {
  const flat = booleanFlag('f', { enabled: true });

  it('writes a flat body into production by default, and into ?environment= without touching the others', () => {
    const created = flagStateFromInput(flat, undefined, undefined);
    expect(Object.keys(created.environments)).toEqual(['production']);
    const staged = flagStateFromInput({ ...flat, enabled: false, rules: [] }, created, 'staging');
    expect(staged.environments.production).toEqual(created.environments.production);
    expect(staged.environments.staging).toEqual({ enabled: false, rules: [], overrides: {} });
    expect(staged).not.toHaveProperty('enabled');
  });

  it('replaces every part with a body that has environments, the flat fields winning for the environment written', () => {
    const current = flagStateFromInput(flat, undefined, 'staging');
    const { rules: _r, enabled: _e, ...shared } = flat as Record<string, unknown>;
    const replaced = flagStateFromInput({ ...shared, environments: { development: { enabled: true } } }, current, undefined);
    expect(Object.keys(replaced.environments)).toEqual(['development']);
    // What a GET of staging answers, sent back with staging's flat part edited.
    const echoed = { ...presentFlag(current, 'staging'), enabled: false };
    expect(flagStateFromInput(echoed, current, undefined).environments.staging.enabled).toBe(false);
  });

  it('refuses a body naming another environment than the query', () => {
    expect(() => flagStateFromInput({ ...flat, environment: 'staging' }, undefined, 'production')).toThrow(expect.objectContaining({ code: 'environment_mismatch' }));
  });

  it('reads a flat state stored before environments existed as production', () => {
    expect(presentFlag(flat, 'production')).toMatchObject({ enabled: true, environment: 'production', environments: { production: { enabled: true } } });
    expect(presentFlag(flat, 'staging')).toMatchObject({ enabled: false, rules: [], environment: 'staging' });
  });

  it('switches one environment and promotes one over another', () => {
    const stored = flagStateFromInput(flat, undefined, 'staging');
    const [switched] = decideKillSwitch(stored, false, 'production');
    expect(switched.payload).toMatchObject({ environment: 'production', previous: { enabled: false } });
    const state = switched.payload.state as typeof stored;
    expect(state.environments.staging.enabled).toBe(true);
    expect(state.environments.production).toEqual({ enabled: false, rules: [], overrides: {} });
    const [promoted] = decidePromotion(stored, { from: 'staging', to: 'production' });
    expect((promoted.payload.state as typeof stored).environments.production).toEqual(stored.environments.staging);
    expect(() => decidePromotion(stored, { from: 'development', to: 'production' })).toThrow(expect.objectContaining({ code: 'nothing_to_promote' }));
  });

  it('names an unknown environment and an experiment of another environment by path', () => {
    const stored = flagStateFromInput({ ...flat, rules: [{ id: 'x', experimentKey: 'exp' }] }, undefined, 'staging');
    const withEu = { ...stored, environments: { ...stored.environments, 'eu-west': stored.environments.staging } };
    const problems = flagReferenceProblems(withEu, lookup({ experiment: [{ key: 'exp', environment: 'staging' }] }));
    expect(problems).toEqual([
      { path: 'environments.eu-west', message: "unknown environment 'eu-west'" },
      { path: 'environments.eu-west.rules.0.experimentKey', message: "experiment 'exp' runs in environment 'staging', not 'eu-west'" },
    ]);
    expect(flagReferenceProblems(withEu, lookup({ experiment: [{ key: 'exp', environment: 'staging' }], environment: [{ key: 'eu-west' }] }))).toHaveLength(1);
  });
});
