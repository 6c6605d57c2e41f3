/** What a command that talks to the services gets: the environment, where to print, and (tests) files and fetch. */
export interface CommandIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  readFile?: (path: string) => string;
  readStdin?: () => Promise<string>;
  fetch?: typeof fetch;
}
