/** Parses newline-delimited JSON objects (ClickHouse's JSONEachRow output). */
export function parseJsonEachRow<T>(text: string): T[] {
  const rows: T[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() !== '') rows.push(JSON.parse(line) as T);
  }
  return rows;
}
