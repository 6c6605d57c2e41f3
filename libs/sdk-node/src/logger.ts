/** The few log calls the SDK makes; pass your own (pino, console...) or get a silent default. */
export interface XpLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const noop = () => undefined;

export const silentLogger: XpLogger = { debug: noop, warn: noop, error: noop };
