/** Valid inputs to build on (each test varies what it needs). */
export const booleanFlag = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  description: 'test flag',
  valueType: 'boolean',
  variants: [
    { key: 'off', value: false },
    { key: 'on', value: true },
  ],
  offVariant: 'off',
  salt: `${key}-salt`,
  rules: [{ id: 'everyone', weights: [{ variant: 'on', weight: 10_000 }] }],
  ...extra,
});

export const segment = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  conditions: [{ attribute: 'country', operator: 'in', values: ['FR', 'DE'] }],
  ...extra,
});

export const metric = (key: string, extra: Record<string, unknown> = {}) => ({ key, eventName: `${key}-event`, kind: 'binomial', ...extra });

export const experiment = (key: string, flagKey: string, metricKey: string, extra: Record<string, unknown> = {}) => ({
  key,
  flagKey,
  hypothesis: 'on converts better',
  variants: [
    { key: 'off', weight: 5000, control: true },
    { key: 'on', weight: 5000 },
  ],
  layer: { key: `${key}-layer`, start: 0, end: 10_000 },
  primaryMetric: metricKey,
  ...extra,
});
