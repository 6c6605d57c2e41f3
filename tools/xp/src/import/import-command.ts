import { readFileSync } from 'node:fs';
import { CliError } from '../cli-error';
import { applyPlan } from './apply-plan';
import { translateGrowthbook } from './growthbook/translate-growthbook';
import type { ImportPlan } from './import-plan';
import { renderOutcomes, renderPlan } from './render-plan';
import { translateUnleash } from './unleash/translate-unleash';
import type { CommandIo } from '../command-io';

export const IMPORT_USAGE =
  'usage: npm run xp -- import unleash|growthbook <file.json> [--environment <name>] [--json] [--apply]   (--apply: XP_API_KEY an admin key, CONFIG_SERVICE_URL default http://127.0.0.1:3001)';

export type ImportIo = CommandIo;

/** `xp import <peer> <file>`: a dry run (the plan), or with --apply the plan created through config-service. */
export async function runImport(args: string[], io: ImportIo): Promise<number> {
  const [peer, file, ...rest] = args;
  if ((peer !== 'unleash' && peer !== 'growthbook') || !file) throw new CliError('USAGE', IMPORT_USAGE);
  let environment: string | undefined;
  let apply = false;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--apply') apply = true;
    else if (rest[i] === '--json') json = true;
    else if (rest[i] === '--environment' && rest[i + 1]) environment = rest[++i];
    else throw new CliError('USAGE', `unknown option ${rest[i]}\n${IMPORT_USAGE}`);
  }
  let document: unknown;
  try {
    document = JSON.parse((io.readFile ?? ((p) => readFileSync(p, 'utf8')))(file));
  } catch (error) {
    throw new CliError('INVALID_INPUT', `cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  let plan: ImportPlan;
  try {
    plan = peer === 'unleash' ? translateUnleash(document, { environment }) : translateGrowthbook(document);
  } catch (error) {
    throw new CliError('INVALID_INPUT', `not a ${peer} document: ${(error as Error).message}`);
  }
  if (!apply) {
    io.out(json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
    return 0;
  }
  const key = io.env.XP_API_KEY;
  if (!key) throw new CliError('USAGE', `set XP_API_KEY to an admin API key\n${IMPORT_USAGE}`);
  const outcomes = await applyPlan(plan, { url: io.env.CONFIG_SERVICE_URL ?? 'http://127.0.0.1:3001', key, fetch: io.fetch });
  io.out(json ? `${JSON.stringify({ plan, outcomes }, null, 2)}\n` : renderPlan(plan).replace(/Nothing was written.*\n$/, '') + renderOutcomes(outcomes));
  return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}
