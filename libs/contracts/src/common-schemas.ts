import { z } from 'zod';

/** A key (flag, experiment, metric) as messages carry it: any non-empty string, so that a message never fails on a key the domain's stricter KeySchema would refuse today. */
export const messageKeySchema = z.string().min(1).max(200);
/** Identifiers of randomisation units (user ids, device ids...). */
export const unitIdSchema = z.string().min(1).max(256);
export const finiteNumber = z.number().finite();
export const percentageSchema = finiteNumber.min(0).max(100);
export const probabilitySchema = finiteNumber.min(0).max(1);
export const jsonObjectSchema = z.record(z.string(), z.unknown());
