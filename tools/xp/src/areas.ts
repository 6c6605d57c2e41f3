import type { Area } from './command';
import { statsArea } from './stats/stats-area';

/** `xp <area> <command>`: add an area here to grow the CLI. */
export const areas: Record<string, Area> = {
  stats: statsArea,
};
