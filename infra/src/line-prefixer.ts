import { Readable } from 'node:stream';

const colours = [36, 35, 33, 32, 34, 31];

/** `name | ` padded to `width`, coloured by `index` when the output is a terminal. */
export function makePrefix(name: string, width: number, index: number, colour: boolean): string {
  const label = `${name.padEnd(width)} |`;
  return colour ? `\u001b[${colours[index % colours.length]}m${label}\u001b[0m ` : `${label} `;
}

/** Writes every line of `stream` through `write`, prefixed; a trailing partial line is flushed at end. */
export function prefixLines(stream: Readable, prefix: string, write: (text: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) write(`${prefix}${line}\n`);
  });
  stream.on('end', () => {
    if (pending) write(`${prefix}${pending}\n`);
    pending = '';
  });
}
