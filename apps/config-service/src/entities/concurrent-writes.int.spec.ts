import { startConfigService, type ConfigServiceHarness, type Reply } from '../testing/config-service-harness';
import { booleanFlag, segment } from '../testing/fixtures';

const ROUNDS = 40;
const AT_ONCE = 8;
const HEAD_START_MS = 25;

const inSegment = (segmentKey: string) => ({
  rules: [{ id: 'members', conditions: [{ attribute: 'u', operator: 'inSegment', values: [segmentKey] }], weights: [{ variant: 'on', weight: 10_000 }] }],
});

describe('a write racing another write (real PostgreSQL)', () => {
  let svc: ConfigServiceHarness;

  beforeAll(async () => {
    svc = await startConfigService();
  });

  afterAll(async () => {
    await svc?.close();
  });

  /** Archive segment S while a flag starts referring to S (by replacing a flag, or by creating one), both at once. */
  async function race(round: number): Promise<{ archive: Reply; flag: Reply }> {
    const segmentKey = `s-${round}`;
    const flagKey = `f-${round}`;
    expect((await svc.request('POST', '/v1/segments', { body: segment(segmentKey) })).status).toBe(201);
    const byUpdate = round % 2 === 0;
    if (byUpdate) expect((await svc.request('POST', '/v1/flags', { body: booleanFlag(flagKey) })).status).toBe(201);
    // A third of the races start both at once; in the others one side leaves HEAD_START_MS first, so
    // that both outcomes occur however the machine schedules the simultaneous ones.
    const mode = round % 3;
    const after = (side: number) => (mode === side ? new Promise((resolve) => setTimeout(resolve, HEAD_START_MS)) : Promise.resolve());
    const [archive, flag] = await Promise.all([
      after(1).then(() => svc.request('DELETE', `/v1/segments/${segmentKey}`, { headers: { 'if-match': '"1"' } })),
      after(2).then(() =>
        byUpdate
          ? svc.request('PUT', `/v1/flags/${flagKey}`, { body: booleanFlag(flagKey, inSegment(segmentKey)), headers: { 'if-match': '"1"' } })
          : svc.request('POST', '/v1/flags', { body: booleanFlag(flagKey, inSegment(segmentKey)) }),
      ),
    ]);
    return { archive, flag };
  }

  it(`never leaves a flag referring to an archived segment; the loser gets in_use or unknown_reference (${ROUNDS} races)`, async () => {
    const outcomes: string[] = [];
    for (let start = 0; start < ROUNDS; start += AT_ONCE) {
      const batch = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => race(start + i)));
      for (const { archive, flag } of batch) {
        const archiveWon = archive.status === 200;
        const flagWon = flag.status === 200 || flag.status === 201;
        const loser = archiveWon ? flag : archive;
        outcomes.push(`${archiveWon ? 'archive' : 'flag'} won, loser ${loser.status} ${loser.body?.error?.code}`);
        expect(archiveWon !== flagWon).toBe(true);
        if (archiveWon) expect([flag.status, flag.body.error.code]).toEqual([422, 'unknown_reference']);
        else expect([archive.status, archive.body.error.code]).toEqual([409, 'in_use']);
      }
    }

    const flags = (await svc.request('GET', '/v1/flags')).body.items as Array<{ key: string; rules: Array<{ conditions: Array<{ values: string[] }> }> }>;
    const archived = new Set(
      ((await svc.request('GET', '/v1/segments?includeArchived=true')).body.items as Array<{ key: string; archived?: true }>).filter((s) => s.archived).map((s) => s.key),
    );
    const referred = flags.flatMap((f) => f.rules.flatMap((r) => r.conditions.flatMap((c) => c.values.map((segmentKey) => [f.key, segmentKey]))));
    expect(referred.filter(([, segmentKey]) => archived.has(segmentKey))).toEqual([]);
    // Both outcomes happen (the head starts make sure of it), so both sides' refusals were checked.
    expect(new Set(outcomes.map((o) => o.split(',')[0])).size).toBe(2);
  });
});
