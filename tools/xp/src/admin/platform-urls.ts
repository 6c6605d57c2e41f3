export interface PlatformUrls {
  config: string;
  assignment: string;
  analysis: string;
  deployment: string;
}

/**
 * The services' URLs as the demo and the console take them: XP_CONFIG_URL, XP_ASSIGNMENT_URL,
 * XP_ANALYSIS_URL, XP_DEPLOYMENT_URL (CONFIG_SERVICE_URL, the variable deployment-service reads, also
 * names config-service); otherwise the local stack's ports, counted from XP_PORT_BASE as `npm start` does
 * (base + 1 ... + 4, default 3000).
 */
export function platformUrls(env: Record<string, string | undefined>): PlatformUrls {
  const base = Number(env.XP_PORT_BASE || 3000);
  const local = (offset: number) => `http://127.0.0.1:${base + offset}`;
  const pick = (offset: number, ...names: string[]) => (names.map((n) => env[n]).find((v) => v) ?? local(offset)).replace(/\/+$/, '');
  return {
    config: pick(1, 'XP_CONFIG_URL', 'CONFIG_SERVICE_URL'),
    assignment: pick(2, 'XP_ASSIGNMENT_URL'),
    analysis: pick(3, 'XP_ANALYSIS_URL'),
    deployment: pick(4, 'XP_DEPLOYMENT_URL'),
  };
}
