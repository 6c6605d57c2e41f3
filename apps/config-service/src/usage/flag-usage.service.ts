import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import { listViews } from '../projections/postgres-entity-view-store';
import { flagUsageReport, type FlagUsageReport } from './flag-usage-report';
import type { FlagUsageQuery } from './flag-usage-query';
import { FlagUsageStore } from './flag-usage-store';

@Injectable()
export class FlagUsageService {
  constructor(
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(FlagUsageStore) private readonly store: FlagUsageStore,
  ) {}

  /** The live flags from the projection, their creation from the event store, their usage from flag_usage. */
  async report(query: FlagUsageQuery): Promise<FlagUsageReport> {
    const [views, created, usage] = await Promise.all([listViews(this.db, 'flag', false), this.store.flagCreatedAt(), this.store.list(query.environment)]);
    const flags = views.map((v) => ({
      key: v.key,
      tags: Array.isArray(v.state.tags) ? (v.state.tags as string[]) : [],
      createdAt: created.get(v.key),
    }));
    return flagUsageReport(flags, usage, query, new Date());
  }
}
