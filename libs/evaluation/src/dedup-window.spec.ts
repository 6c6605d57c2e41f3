import { DedupWindow, exposureDedupKey } from './dedup-window';

describe('DedupWindow', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1000));

  it('reports a key as first seen once, then as a repeat within the TTL', () => {
    const window = new DedupWindow(10, 500, clock);
    expect(window.firstSeen('a')).toBe(true);
    now += 499;
    expect(window.firstSeen('a')).toBe(false);
  });

  it('reports a key as new again once its TTL has passed', () => {
    const window = new DedupWindow(10, 500, clock);
    window.firstSeen('a');
    now += 500;
    expect(window.firstSeen('a')).toBe(true);
    now += 100;
    expect(window.firstSeen('a')).toBe(false);
  });

  it('evicts the least recently seen key beyond maxEntries', () => {
    const window = new DedupWindow(2, 10_000, clock);
    window.firstSeen('a');
    window.firstSeen('b');
    window.firstSeen('a'); // a is now more recent than b
    window.firstSeen('c'); // evicts b
    expect(window.size).toBe(2);
    expect(window.firstSeen('a')).toBe(false);
    expect(window.firstSeen('b')).toBe(true);
  });

  it('treats a forgotten key as new', () => {
    const window = new DedupWindow(10, 10_000, clock);
    window.firstSeen('a');
    window.forget('a');
    expect(window.firstSeen('a')).toBe(true);
  });
});

describe('exposureDedupKey', () => {
  it('does not confuse keys whose parts concatenate to the same text', () => {
    const window = new DedupWindow(10, 1000, () => 0);
    window.firstSeen(exposureDedupKey('ab', 'c', 'v'));
    expect(window.firstSeen(exposureDedupKey('a', 'bc', 'v'))).toBe(true);
  });
});
