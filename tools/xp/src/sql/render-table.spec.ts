import { renderTable } from './render-table';

describe('renderTable', () => {
  it('aligns columns, numbers to the right, and counts the rows', () => {
    const out = renderTable(
      [{ name: 'variant', type: 'String' }, { name: 'units', type: 'UInt64' }, { name: 'rate', type: 'Nullable(Float64)' }],
      [['off', '3', 0.25], ['treatment', '12', null]],
    );
    expect(out).toBe(['variant    units  rate', '---------  -----  ----', 'off            3  0.25', 'treatment     12  NULL', '(2 rows)', ''].join('\n'));
  });

  it('says so when there is no row', () => {
    expect(renderTable([{ name: 'a', type: 'UInt8' }], [])).toBe('a\n-\n(0 rows)\n');
  });
});
