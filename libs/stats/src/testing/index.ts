// Helpers for tests that check error rates by simulation (also used by apps' Monte Carlo tests).
export * from './binomial-bounds';
export * from './seeded-normal';
