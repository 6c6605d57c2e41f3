import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { CONSOLE_ROOT } from './console-config';

const REPO_ROOT = join(CONSOLE_ROOT, '..', '..');
const INPUTS = [join(CONSOLE_ROOT, 'web'), join(CONSOLE_ROOT, 'vite.config.mjs'), join(REPO_ROOT, 'package-lock.json')];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when `distDir` has no build or one older than any source file of the web app. */
export function webBuildIsStale(distDir: string): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  return Math.max(...INPUTS.filter(existsSync).map(newestMtime)) > statSync(index).mtimeMs;
}

/**
 * Nothing built is committed: the console builds its web app (Vite) when the build is missing or
 * older than its sources, into a temporary directory first so a concurrent reader never sees half a build.
 */
export async function ensureWebBuild(distDir: string, log: (line: string) => void): Promise<void> {
  if (!webBuildIsStale(distDir)) return;
  const started = Date.now();
  const temporary = `${distDir}.building-${process.pid}`;
  log(`building the web app into ${distDir} (vite build)`);
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', join(CONSOLE_ROOT, 'vite.config.mjs'), '--outDir', temporary, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      // A production build whatever the caller's NODE_ENV (Jest sets `test`, which would keep development code).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    rmSync(temporary, { recursive: true, force: true });
    throw new Error(`vite build failed (exit ${code}):\n${output.join('')}`);
  }
  precompress(temporary);
  const old = `${distDir}.old-${process.pid}`;
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(temporary, distDir);
  rmSync(old, { recursive: true, force: true });
  log(`web app built in ${Date.now() - started} ms`);
}

/** `.gz` and `.br` beside each text asset, served by @fastify/static's preCompressed to browsers that accept them. */
function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) precompress(path);
    else if (/\.(js|css|html|svg|json)$/.test(name)) {
      const content = readFileSync(path);
      writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}
