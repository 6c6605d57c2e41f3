import { Module } from '@nestjs/common';
import { IngestionService } from './ingestion.service';

/** Needs the global ConnectionsModule (CLICKHOUSE, KAFKA) and PlatformModule (METRICS_REGISTRY). */
@Module({ providers: [IngestionService], exports: [IngestionService] })
export class IngestionModule {}
