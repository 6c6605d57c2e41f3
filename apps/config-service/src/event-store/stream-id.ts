import type { StreamType } from '@xp/contracts';

/** `<streamType>:<key>`, the stream id (and Kafka key) of one entity. */
export function streamIdOf(streamType: StreamType, key: string): string {
  return `${streamType}:${key}`;
}

export function keyOfStream(streamId: string): string {
  return streamId.slice(streamId.indexOf(':') + 1);
}
