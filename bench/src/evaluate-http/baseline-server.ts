import { createServer } from 'node:http';

/**
 * Child process for BENCH_BASELINE=1: a bare node:http server that reads the JSON body and answers a fixed
 * JSON body of the size given in argv[2]. Measuring it with the same autocannon settings shows the floor
 * that the harness and this machine put under any p99, whatever the service does.
 */
const size = Number(process.argv[2] ?? 3200);
const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(Math.max(0, size - 10)) }));

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
