import { deploymentEventDataSchema } from './deployment-event';

const valid = {
  deploymentId: 'dep-7',
  experimentKey: 'checkout',
  service: 'checkout-api',
  action: 'SHIFT_TRAFFIC',
  activeColour: 'blue',
  weights: { blue: 75, green: 25 },
  status: 'IN_PROGRESS',
  decisionId: 'checkout:stage-1',
};

describe('deployment.event data', () => {
  it('accepts a deployment step linked to its decision', () => {
    expect(deploymentEventDataSchema.parse(valid)).toEqual(valid);
  });

  it('accepts a step that no decision caused', () => {
    const { decisionId: _d, ...manual } = valid;
    expect(deploymentEventDataSchema.safeParse(manual).success).toBe(true);
  });

  it.each([
    ['an unknown colour', { activeColour: 'red' }],
    ['weights that do not add up to 100', { weights: { blue: 60, green: 60 } }],
    ['a negative weight', { weights: { blue: -10, green: 110 } }],
    ['an empty service', { service: '' }],
    ['a missing status', { status: undefined }],
  ])('rejects %s', (_label, patch) => {
    expect(deploymentEventDataSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});
