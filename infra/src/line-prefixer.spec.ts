import { PassThrough } from 'node:stream';
import { makePrefix, prefixLines } from './line-prefixer';

describe('prefixLines', () => {
  it('prefixes whole lines even when chunks split them, and flushes the last partial line', async () => {
    const stream = new PassThrough();
    const out: string[] = [];
    prefixLines(stream, 'svc | ', (text) => out.push(text));
    stream.write('first li');
    stream.write('ne\nsecond\nthi');
    stream.end('rd');
    await new Promise((resolve) => stream.on('end', resolve));
    expect(out.join('')).toBe('svc | first line\nsvc | second\nsvc | third\n');
  });
});

describe('makePrefix', () => {
  it('pads names to a common width without colour when not on a terminal', () => {
    expect(makePrefix('api', 6, 0, false)).toBe('api    | ');
  });

  it('wraps the label in an ANSI colour on a terminal', () => {
    expect(makePrefix('api', 3, 0, true)).toBe('\u001b[36mapi |\u001b[0m ');
  });
});
