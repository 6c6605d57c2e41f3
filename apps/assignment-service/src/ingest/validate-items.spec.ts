import { z } from 'zod';
import { ingestStatus, noValidItems } from './ingest-result';
import { validateItems } from './validate-items';

describe('validateItems', () => {
  const schema = z.object({ unit: z.string().min(1), value: z.number().optional() });

  it('keeps the valid items and reports each invalid one by index with item-relative paths', () => {
    const { valid, rejected } = validateItems([{ unit: 'u1' }, { unit: '' }, 'nope', { unit: 'u2', value: 'x' }], schema);
    expect(valid).toEqual([{ index: 0, item: { unit: 'u1' } }]);
    expect(rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(rejected[0].errors[0].path).toBe('unit');
    expect(rejected[1].errors[0].path).toBe('');
    expect(rejected[2].errors[0].path).toBe('value');
  });
});

describe('ingest answers', () => {
  it('is 202 when nothing was rejected and 207 otherwise', () => {
    expect(ingestStatus({ accepted: 2, rejected: [] })).toBe(202);
    expect(ingestStatus({ accepted: 1, rejected: [{ index: 1, errors: [] }] })).toBe(207);
  });

  it('turns an all-invalid batch into an invalid-input error listing the rejected items', () => {
    const error = noValidItems('events', [{ index: 0, errors: [{ path: 'unit', message: 'Required' }] }]);
    expect(error.code).toBe('no_valid_events');
    expect(error.kind).toBe('invalid');
    expect(error.details).toEqual({ accepted: 0, rejected: [{ index: 0, errors: [{ path: 'unit', message: 'Required' }] }] });
  });
});
