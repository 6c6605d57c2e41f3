import { ExperimentSchema, type Experiment, type ExperimentStatus } from '@xp/contracts';
import { ConflictError, InvalidInputError } from '@xp/platform';
import { experiment } from '../testing/fixtures';
import { allowedActions, decideLifecycle, type LifecycleAction } from './experiment-lifecycle';

const inStatus = (status: ExperimentStatus): Experiment =>
  ExperimentSchema.parse({ ...experiment('e', 'f', 'm'), status, ...(status === 'concluded' || status === 'archived' ? { winner: 'on' } : {}) });

describe('decideLifecycle', () => {
  it.each<[ExperimentStatus, LifecycleAction, string, ExperimentStatus | null]>([
    ['draft', 'start', 'ExperimentStarted', 'running'],
    ['running', 'pause', 'ExperimentPaused', 'paused'],
    ['paused', 'resume', 'ExperimentResumed', 'running'],
    ['concluded', 'archive', 'ExperimentArchived', null],
  ])('%s + %s -> %s', (status, action, eventType, next) => {
    const [event] = decideLifecycle(inStatus(status), action);
    expect(event.eventType).toBe(eventType);
    expect((event.payload.state as Experiment | null)?.status ?? null).toBe(next);
  });

  it('concludes a paused experiment with its winner', () => {
    const [event] = decideLifecycle(inStatus('paused'), 'conclude', 'on');
    expect(event).toMatchObject({ eventType: 'ExperimentConcluded', payload: { winner: 'on', state: { status: 'concluded', winner: 'on' } } });
  });

  it('needs a winner to conclude', () => {
    expect(() => decideLifecycle(inStatus('paused'), 'conclude')).toThrow(InvalidInputError);
  });

  it('rejects a winner that is not a variant', () => {
    expect(() => decideLifecycle(inStatus('paused'), 'conclude', 'purple')).toThrow(/unknown variant 'purple'/);
  });

  it('refuses to conclude a running experiment and names the allowed move', () => {
    try {
      decideLifecycle(inStatus('running'), 'conclude', 'on');
      throw new Error('expected a conflict');
    } catch (err) {
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as ConflictError).message).toBe('Cannot conclude an experiment that is running; allowed: pause (-> paused)');
      expect((err as ConflictError).details).toMatchObject({ status: 'running', allowed: ['pause'] });
    }
  });

  it('refuses start on a paused experiment (resume is the move)', () => {
    expect(() => decideLifecycle(inStatus('paused'), 'start')).toThrow('allowed: resume (-> running), conclude (-> concluded)');
  });

  it('allows nothing from archived', () => {
    expect(allowedActions('archived')).toEqual([]);
    expect(() => decideLifecycle(inStatus('archived'), 'resume')).toThrow('allowed: none');
  });
});
