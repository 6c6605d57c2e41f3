/** One `xp <area> <command>`: takes the parsed stdin JSON, returns the JSON to print. */
export type Command = (input: unknown) => unknown;

export type Area = Record<string, Command>;
