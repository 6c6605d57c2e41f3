import { splitIntoChunks } from './split-into-chunks';

describe('splitIntoChunks', () => {
  it('splits into chunks of at most maxSize, keeping order', () => {
    expect(splitIntoChunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('returns one chunk when everything fits and none for an empty list', () => {
    expect(splitIntoChunks([1, 2], 10)).toEqual([[1, 2]]);
    expect(splitIntoChunks([], 10)).toEqual([]);
  });

  it('rejects a maxSize below 1', () => {
    expect(() => splitIntoChunks([1], 0)).toThrow(RangeError);
  });
});
