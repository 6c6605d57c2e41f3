/** Deterministic, varied contexts for comparing imported flags with the peers' SDKs. */
const COUNTRIES = ['DE', 'FR', 'US', 'NL'];
const PLANS = ['free', 'beta', 'pro', 'team'];
const VERSIONS = ['1.9.0', '2.0.0', '2.1.0', '2.2.0-rc.1', '3.0.0'];
const IPS = ['10.1.2.3', '192.168.1.1', '192.168.1.2', '2001:db8::5', '8.8.8.8'];
const TAGS = [[], ['beta'], ['beta', 'eu'], ['eu', 'us'], ['vip', 'beta', 'eu']];

export interface PeerContext {
  unit: string;
  /** String-valued, as Unleash context fields are. */
  strings: Record<string, string>;
  tags: string[];
}

export function peerContext(i: number): PeerContext {
  const strings: Record<string, string> = {
    country: COUNTRIES[i % 4],
    plan: PLANS[(i >> 2) % 4],
    appVersion: VERSIONS[i % 5],
    age: String(14 + (i % 60)),
    email: i % 3 === 0 ? `user${i}@acme.com` : `user${i}@mail.test`,
    remoteAddress: IPS[i % 5],
    sessionId: `session-${i % 701}`,
    accountId: `account-${i % 97}`,
    currentTime: i % 2 === 0 ? '2023-06-01T00:00:00.000Z' : '2024-06-01T00:00:00.000Z',
    name: ['alice', 'mallory', 'zoe', 'bob'][i % 4],
  };
  if (i % 5 !== 0) strings.company = `company-${i % 13}`;
  return { unit: `user-${i}`, strings, tags: TAGS[i % 5] };
}
