import { newClusterId, renderServerProperties } from './kafka-config';

const parse = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe('renderServerProperties', () => {
  const props = parse(renderServerProperties({ port: 29092, controllerPort: 29093, logDir: '/x/data' }));

  it('runs one KRaft node as broker and controller on the given controller port', () => {
    expect(props['process.roles']).toBe('broker,controller');
    expect(props['controller.quorum.voters']).toBe('1@127.0.0.1:29093');
  });

  it('listens and advertises on loopback only', () => {
    expect(props.listeners).toBe('PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093');
    expect(props['advertised.listeners']).toBe('PLAINTEXT://127.0.0.1:29092');
  });

  it('keeps internal topics creatable on a single node and topic auto-creation off', () => {
    expect(props['offsets.topic.replication.factor']).toBe('1');
    expect(props['transaction.state.log.min.isr']).toBe('1');
    expect(props['auto.create.topics.enable']).toBe('false');
    expect(props['log.dirs']).toBe('/x/data');
  });
});

describe('newClusterId', () => {
  it('never starts with "-", which kafka-storage would read as an option (about 1 in 64 ids would)', () => {
    const ids = Array.from({ length: 2000 }, () => newClusterId());
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
  });

  it('is 22 base64url characters, as Kafka expects', () => {
    expect(newClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
