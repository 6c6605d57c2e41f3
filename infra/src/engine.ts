export type EngineName = 'kafka' | 'postgres' | 'clickhouse';

export const engineNames: readonly EngineName[] = ['kafka', 'postgres', 'clickhouse'];

export interface EngineStatus {
  name: EngineName;
  up: boolean;
  address: string;
  /** local: run by this launcher; external: given by env; embedded: inside a service process. */
  mode: 'local' | 'external' | 'embedded';
  detail?: string;
}

/** One engine the launcher can start, stop and probe. `start` is only called when not up. */
export interface Engine {
  name: EngineName;
  /** Started by this launcher (false for external or embedded engines). */
  managed: boolean;
  status(): Promise<EngineStatus>;
  /** Starts the engine; returns false when it found it already running. */
  start(): Promise<boolean>;
  stop(): Promise<void>;
}
