import { CliError } from '../cli-error';
import { ADMIN_RESOURCES, findResource, type AdminResource } from './admin-resources';

export const ADMIN_USAGE = [
  'usage: npm run xp -- <flags|segments|metrics|experiments|rollouts> <verb> [...] [--json] [--environment <env>] [--comment <text>]',
  '  list [--include-archived]              get <key> [--at <ISO time>]',
  '  set <file.json|file.yaml|->            (creates, or replaces at the version in the file or the current one)',
  '  delete <key>                           flags kill-switch <key> on|off',
  '  experiments start|pause|resume|archive <key>, experiments conclude <key> --winner <variant>',
  '  rollouts pause|resume|approve|rollback <key> [--reason <text>]',
  'XP_API_KEY: the key (admin to change, reader to read); XP_CONFIG_URL, XP_DEPLOYMENT_URL (or XP_PORT_BASE): where',
].join('\n');

export interface AdminOptions {
  resource: AdminResource;
  verb: string;
  /** Positional arguments after the verb: a key, a file, on/off. */
  args: string[];
  json: boolean;
  environment?: string;
  comment?: string;
  at?: string;
  winner?: string;
  reason?: string;
  includeArchived: boolean;
}

const VALUED = { '--environment': 'environment', '--comment': 'comment', '--at': 'at', '--winner': 'winner', '--reason': 'reason' } as const;

export const isAdminArea = (area: string | undefined): boolean => ADMIN_RESOURCES.some((r) => r.name === area);

/** `xp <resource> <verb> [args] [options]`; a usage problem is a CliError('USAGE'), exit 2. */
export function parseAdminOptions(argv: string[]): AdminOptions {
  const [area, verb, ...rest] = argv;
  const resource = findResource(area ?? '');
  if (!resource) throw usage(`unknown area '${area ?? ''}'`);
  if (!verb) throw usage(`${resource.name} needs a verb`);
  const options: AdminOptions = { resource, verb, args: [], json: false, includeArchived: false };
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--include-archived') options.includeArchived = true;
    else if (arg in VALUED) {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw usage(`${arg} needs a value`);
      options[VALUED[arg as keyof typeof VALUED]] = value;
    } else if (arg.startsWith('--')) throw usage(`unknown option ${arg}`);
    else options.args.push(arg);
  }
  const known = ['list', 'get', ...(resource.editable ? ['set', 'delete'] : []), ...resource.actions];
  if (!known.includes(verb)) throw usage(`${resource.name} has no verb '${verb}' (verbs: ${known.join(', ')})`);
  const wanted = verb === 'list' ? 0 : verb === 'kill-switch' ? 2 : 1;
  if (options.args.length !== wanted) throw usage(`${resource.name} ${verb} takes ${wanted === 0 ? 'no argument' : wanted === 1 ? (verb === 'set' ? 'a file (or -)' : 'a key') : 'a key and on|off'}`);
  if (verb === 'kill-switch' && !['on', 'off'].includes(options.args[1])) throw usage('kill-switch takes on or off');
  if (verb === 'conclude' && !options.winner) throw usage('conclude needs --winner <variant>');
  return options;
}

function usage(problem: string): CliError {
  return new CliError('USAGE', `${problem}\n${ADMIN_USAGE}`);
}
