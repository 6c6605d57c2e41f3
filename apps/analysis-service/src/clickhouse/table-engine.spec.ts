import { dedupSettings, mergeTreeEngine } from './table-engine';

describe('mergeTreeEngine', () => {
  it('names the family alone, or with its version column, on one server', () => {
    expect(mergeTreeEngine('MergeTree', 'exposures_raw', { replicated: false })).toBe('MergeTree');
    expect(mergeTreeEngine('ReplacingMergeTree', 'unit_values', { replicated: false }, 'version')).toBe('ReplacingMergeTree(version)');
  });

  it('puts the Keeper path and replica first and the version column after them when replicated', () => {
    expect(mergeTreeEngine('AggregatingMergeTree', 'exposure_first_state', { replicated: true })).toBe(
      "ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/exposure_first_state', '{replica}')",
    );
    expect(mergeTreeEngine('ReplacingMergeTree', 'unit_values', { replicated: true }, 'version')).toBe(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/unit_values', '{replica}', version)",
    );
  });

  it('keeps the non-replicated deduplication window only where Keeper does not keep block hashes', () => {
    expect(dedupSettings({ replicated: false })).toBe('SETTINGS non_replicated_deduplication_window = 1000');
    expect(dedupSettings({ replicated: true })).toBe('');
  });
});
