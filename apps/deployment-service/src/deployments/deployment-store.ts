import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { POSTGRES } from '../connections/tokens';
import type { DeploymentRecord } from './deployment-record';

export interface DeploymentRegistration {
  experimentKey: string;
  service: string;
  blueVersion: string;
  greenVersion: string;
}

interface DeploymentRow {
  id: string;
  experiment_key: string;
  service: string;
  blue_version: string;
  green_version: string;
  active_colour: 'blue' | 'green';
  blue_weight: number;
  green_weight: number;
  status: string;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

const toRecord = (r: DeploymentRow): DeploymentRecord => ({
  id: r.id,
  experimentKey: r.experiment_key,
  service: r.service,
  blueVersion: r.blue_version,
  greenVersion: r.green_version,
  activeColour: r.active_colour,
  weights: { blue: r.blue_weight, green: r.green_weight },
  status: r.status,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  ...(r.archived_at ? { archivedAt: r.archived_at.toISOString() } : {}),
});

@Injectable()
export class DeploymentStore {
  constructor(@Inject(POSTGRES) private readonly db: DataSource) {}

  async list(includeArchived = false): Promise<DeploymentRecord[]> {
    const rows: DeploymentRow[] = await this.db.query('select * from deployments where $1 or archived_at is null order by created_at desc, id', [includeArchived]);
    return rows.map(toRecord);
  }

  async find(experimentKey: string, m: EntityManager = this.db.manager): Promise<DeploymentRecord | undefined> {
    const rows: DeploymentRow[] = await m.query('select * from deployments where experiment_key = $1', [experimentKey]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /**
   * Creates the record, or updates its service and versions (the pipeline may register before or after the
   * first decision). Undefined when the record is archived: it is history and does not change.
   */
  async register(reg: DeploymentRegistration, m: EntityManager = this.db.manager): Promise<DeploymentRecord | undefined> {
    const rows: DeploymentRow[] = await m.query(
      `insert into deployments (id, experiment_key, service, blue_version, green_version) values ($1, $2, $3, $4, $5)
       on conflict (experiment_key) do update set service = excluded.service, blue_version = excluded.blue_version,
         green_version = excluded.green_version, updated_at = now()
       where deployments.archived_at is null
       returning *`,
      [randomUUID(), reg.experimentKey, reg.service, reg.blueVersion, reg.greenVersion],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Archives a live record; undefined when there is none or it is archived already. */
  async archive(experimentKey: string, m: EntityManager): Promise<DeploymentRecord | undefined> {
    const result: [DeploymentRow[], number] = await m.query(
      'update deployments set archived_at = now(), updated_at = now() where experiment_key = $1 and archived_at is null returning *',
      [experimentKey],
    );
    return result[0][0] ? toRecord(result[0][0]) : undefined;
  }

  /** Creates the record with these defaults only when none exists yet. */
  async ensure(reg: DeploymentRegistration, m: EntityManager): Promise<DeploymentRecord> {
    await m.query(
      `insert into deployments (id, experiment_key, service, blue_version, green_version) values ($1, $2, $3, $4, $5)
       on conflict (experiment_key) do nothing`,
      [randomUUID(), reg.experimentKey, reg.service, reg.blueVersion, reg.greenVersion],
    );
    return (await this.find(reg.experimentKey, m)) as DeploymentRecord;
  }

  async update(record: DeploymentRecord, m: EntityManager): Promise<DeploymentRecord> {
    const result: [DeploymentRow[], number] = await m.query(
      `update deployments set active_colour = $2, blue_weight = $3, green_weight = $4, status = $5, updated_at = now()
       where id = $1 returning *`,
      [record.id, record.activeColour, record.weights.blue, record.weights.green, record.status],
    );
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected count] on PostgreSQL.
    return toRecord(result[0][0]);
  }
}
