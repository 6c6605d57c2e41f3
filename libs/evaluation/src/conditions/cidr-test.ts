import { CidrRange, parseCidr, parseIpAddress } from '@xp/contracts';
import { CompileError } from '../compile-error';
import type { Predicate } from '../compile-condition';

const MAX_CACHED = 1000;

/**
 * inCidr: the attribute is an IPv4 or IPv6 address inside any of the ranges (a plain address is a one-address
 * range). IPv4-mapped IPv6 addresses count as IPv4. Addresses are parsed once per distinct value (bounded cache).
 */
export function cidrTest(name: string, values: readonly unknown[]): Predicate {
  const ranges: CidrRange[] = values.map((v) => {
    const range = typeof v === 'string' ? parseCidr(v) : null;
    if (!range) throw new CompileError('PARSE_ERROR', `'${name}' needs CIDR ranges, got ${JSON.stringify(v)}`);
    return range;
  });
  const cache = new Map<string, boolean>();
  const inside = (text: string): boolean => {
    const address = parseIpAddress(text);
    if (!address) return false;
    return ranges.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
  };
  return (a) => {
    const x = a[name];
    if (typeof x !== 'string') return false;
    let result = cache.get(x);
    if (result === undefined) {
      result = inside(x);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(x, result);
    }
    return result;
  };
}
