import ipaddr from 'ipaddr.js';

export type CidrRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses `10.0.0.0/8`, `2001:db8::/32` or a plain address (a one-address range). IPv4-mapped IPv6 addresses
 * (`::ffff:10.1.2.3`) are treated as the IPv4 address. Null when the text is neither.
 */
export function parseCidr(text: string): CidrRange | null {
  const trimmed = text.trim();
  try {
    if (trimmed.includes('/')) {
      if (!parseIpAddress(trimmed.slice(0, trimmed.indexOf('/')))) return null;
      const [address, bits] = ipaddr.parseCIDR(trimmed);
      if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
        return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
      }
      return [address, bits];
    }
    const address = parseIpAddress(trimmed);
    return address ? [address, address.kind() === 'ipv4' ? 32 : 128] : null;
  } catch {
    return null;
  }
}

/**
 * An address as an attribute carries it (dotted quad or IPv6), or null when it is not one; IPv4-mapped IPv6
 * becomes IPv4. ipaddr.js' legacy IPv4 forms (`10`, `0x0a.1`) are not addresses here.
 */
export function parseIpAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return null;
  try {
    return ipaddr.process(text);
  } catch {
    return null;
  }
}

export function isCidrOperand(text: string): boolean {
  return parseCidr(text) !== null;
}
