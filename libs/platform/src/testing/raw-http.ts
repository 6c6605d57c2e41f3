import { connect } from 'node:net';

export interface RawReply {
  status: number;
  body: unknown;
}

/**
 * Sends bytes exactly as given (fetch refuses to send a bad header, Content-Length with
 * Transfer-Encoding and the like) and reads the answer until the server closes the connection.
 */
export function rawHttp(baseUrl: string, request: string): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      const text = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      let body: unknown = text;
      try {
        body = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: the caller's assertion shows it.
      }
      resolve({ status, body });
    });
  });
}

/** Requests below the routes every service must answer in the JSON error shape: [name, raw request, status, code]. */
export const HTTP_LAYER_CASES: ReadonlyArray<{ name: string; request: string; status: number; code: string }> = [
  { name: 'an invalid header name', request: 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n', status: 400, code: 'malformed_request' },
  {
    name: 'Content-Length together with Transfer-Encoding',
    request: 'POST /health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    status: 400,
    code: 'malformed_request',
  },
  { name: 'a NUL byte in a header', request: 'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n', status: 400, code: 'malformed_request' },
  { name: 'headers over the size limit', request: `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431, code: 'headers_too_large' },
];
