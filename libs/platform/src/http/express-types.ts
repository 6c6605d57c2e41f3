import type { IncomingMessage, ServerResponse } from 'node:http';

// The few express members used here; @types/express is not installed in this workspace.
export interface ExpressRequest extends IncomingMessage {
  method: string;
  baseUrl: string;
  route?: { path?: unknown };
}

export interface ExpressResponse extends ServerResponse {
  status(code: number): this;
  json(body: unknown): this;
  type(contentType: string): this;
  send(body: unknown): this;
}

export type NextFunction = (err?: unknown) => void;
