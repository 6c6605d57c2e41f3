export function splitIntoChunks<T>(items: readonly T[], maxSize: number): T[][] {
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be a positive integer, got ${maxSize}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += maxSize) chunks.push(items.slice(i, i + maxSize));
  return chunks;
}
