/** The lifecycle verbs that take an experiment from one status to another, or undefined when none can. */
export function lifecyclePath(from: string, to: string): string[] | undefined {
  const next: Record<string, Record<string, string>> = {
    draft: { running: 'start', paused: 'start', concluded: 'start', archived: 'start' },
    running: { paused: 'pause', concluded: 'pause', archived: 'pause' },
    paused: { running: 'resume', concluded: 'conclude', archived: 'conclude' },
    concluded: { archived: 'archive' },
  };
  const after: Record<string, string> = { start: 'running', pause: 'paused', resume: 'running', conclude: 'concluded', archive: 'archived' };
  const path: string[] = [];
  for (let status = from; status !== to; ) {
    const verb = next[status]?.[to];
    if (!verb) return undefined;
    path.push(verb);
    status = after[verb];
  }
  return path;
}
