import { adjustPValues, compare, srmCheck } from '@xp/stats';
import type { Area } from '../command';

// Each command validates its input inside @xp/stats (zod), which throws a StatsError on bad input.
export const statsArea: Area = {
  compare: (input) => compare(input as never),
  srm: (input) => srmCheck(input as never),
  adjust: (input) => ({ adjusted: adjustPValues(input as never) }),
};
