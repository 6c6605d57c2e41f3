import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

// Functions passed to page.evaluate run in the browser; these are the few browser globals they use.
declare const window: Record<string, unknown>;
declare const document: unknown;
declare const performance: { getEntriesByType(type: string): Array<{ name: string; duration: number; domContentLoadedEventEnd: number; loadEventEnd: number; transferSize: number }> };

/** Debian's `chromium` package (what `.ci/run` installs); CHROMIUM_PATH names another build. */
export function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no Chromium found (tried ${candidates.join(', ')}): apt-get install -y chromium, or set CHROMIUM_PATH`);
  return found;
}

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export interface LoadTimings {
  domContentLoadedMs: number;
  loadMs: number;
  /** Each /api call of the page so far: path and duration (ms). */
  api: Array<{ path: string; ms: number }>;
  /** Bytes of scripts and styles as transferred (compressed). */
  assetBytes: number;
}

/** Navigation and resource timing of the page's last load, in ms from navigation start. */
export async function loadTimings(page: Page): Promise<LoadTimings> {
  return page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation');
    const resources = performance.getEntriesByType('resource');
    return {
      domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
      loadMs: Math.round(nav.loadEventEnd),
      api: resources.filter((r) => r.name.includes('/api/')).map((r) => ({ path: new URL(r.name).pathname, ms: Math.round(r.duration) })),
      assetBytes: resources.filter((r) => r.name.includes('/assets/')).reduce((sum, r) => sum + r.transferSize, 0),
    };
  });
}
