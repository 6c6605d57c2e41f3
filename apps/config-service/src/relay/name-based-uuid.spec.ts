import { nameBasedUuid } from './name-based-uuid';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('nameBasedUuid', () => {
  it('matches the published version-5 UUID of www.example.com in the DNS namespace', () => {
    expect(nameBasedUuid(DNS_NAMESPACE, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives different names different ids', () => {
    expect(nameBasedUuid(DNS_NAMESPACE, 'flag:a@1')).not.toBe(nameBasedUuid(DNS_NAMESPACE, 'flag:a@2'));
  });
});
