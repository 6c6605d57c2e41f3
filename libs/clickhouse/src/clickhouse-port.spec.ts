import { insertSettings } from './clickhouse-port';

describe('insertSettings', () => {
  it('adds the caller settings to the date format and the deduplication token', () => {
    expect(insertSettings({ deduplicationToken: 't:0:1-2', settings: { deduplicate_blocks_in_dependent_materialized_views: 1 } })).toEqual({
      deduplicate_blocks_in_dependent_materialized_views: 1,
      date_time_input_format: 'best_effort',
      insert_deduplication_token: 't:0:1-2',
    });
  });

  it('keeps the date format and the token when a caller setting names them', () => {
    const settings = insertSettings({
      deduplicationToken: 'mine',
      settings: { date_time_input_format: 'basic', insert_deduplication_token: 'theirs' },
    });
    expect(settings).toEqual({ date_time_input_format: 'best_effort', insert_deduplication_token: 'mine' });
  });
});
