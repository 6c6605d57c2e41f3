import type { StoredEvent } from '../event-store/stored-event';
import { foldView } from './entity-view';

const event = (version: number, eventType: string, state: Record<string, unknown> | null, streamType: StoredEvent['streamType'] = 'experiment'): StoredEvent => ({
  position: version,
  streamId: `${streamType}:e`,
  streamType,
  version,
  eventType,
  payload: { state },
  actor: 'admin-1',
  occurredAt: new Date(Date.UTC(2024, 0, version)),
});

describe('foldView', () => {
  it('takes the state carried by the last event', () => {
    const view = foldView([event(1, 'ExperimentCreated', { key: 'e', status: 'draft' }), event(2, 'ExperimentStarted', { key: 'e', status: 'running' })]);
    expect(view).toEqual({ streamType: 'experiment', key: 'e', version: 2, state: { key: 'e', status: 'running' }, archived: false, updatedAt: new Date(Date.UTC(2024, 0, 2)) });
  });

  it('keeps the last state of an archived entity, marked archived (experiments also show status archived)', () => {
    const view = foldView([event(1, 'ExperimentCreated', { key: 'e', status: 'concluded' }), event(2, 'ExperimentArchived', null)]);
    expect(view).toMatchObject({ version: 2, archived: true, state: { key: 'e', status: 'archived' } });
    const flag = foldView([event(1, 'FlagCreated', { key: 'e', enabled: true }, 'flag'), event(2, 'FlagArchived', null, 'flag')]);
    expect(flag).toMatchObject({ archived: true, state: { key: 'e', enabled: true } });
  });

  it('is undefined for an empty stream (time travel before creation)', () => {
    expect(foldView([])).toBeUndefined();
  });
});
