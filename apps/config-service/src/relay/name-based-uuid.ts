import { createHash } from 'node:crypto';

/** Namespace of config-event envelope ids (a fixed random UUID; changing it changes every id). */
export const CONFIG_EVENT_ID_NAMESPACE = '6f1c2a7e-3b9d-4c5e-9a81-2d4f60b7c3e1';

/** RFC 9562 version-5 UUID: the same namespace and name always give the same id. */
export function nameBasedUuid(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
