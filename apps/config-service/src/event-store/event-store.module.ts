import { Module } from '@nestjs/common';
import { ENTITY_VIEW_STORE } from '../projections/entity-view-store';
import { PostgresEntityViewStore } from '../projections/postgres-entity-view-store';
import { ProjectionsController } from '../projections/projections.controller';
import { EVENT_STORE } from './event-store';
import { PostgresEventStore } from './postgres-event-store';

/** The write model and its projection, both on the PostgreSQL connection of ConnectionsModule. */
@Module({
  controllers: [ProjectionsController],
  providers: [
    { provide: EVENT_STORE, useClass: PostgresEventStore },
    { provide: ENTITY_VIEW_STORE, useClass: PostgresEntityViewStore },
  ],
  exports: [EVENT_STORE, ENTITY_VIEW_STORE],
})
export class EventStoreModule {}
