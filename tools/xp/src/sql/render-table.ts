/** Columns and rows as an aligned text table, numbers right-aligned, a line under the header. */
export function renderTable(columns: { name: string; type: string }[], rows: unknown[][]): string {
  const text = (v: unknown) => (v === null ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const cells = rows.map((row) => row.map(text));
  const numeric = columns.map((c) => /^(Nullable\()?(U?Int|Float|Decimal)/.test(c.type));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  const footer = `(${rows.length} row${rows.length === 1 ? '' : 's'})`;
  if (columns.length === 0) return `${footer}\n`;
  return [line(columns.map((c) => c.name)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line), footer].join('\n') + '\n';
}
