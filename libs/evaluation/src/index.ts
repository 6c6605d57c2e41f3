export * from './murmur3';
export * from './bucket';
export * from './evaluation-result';
export * from './compile-error';
export * from './compile-condition';
export * from './compile-ruleset';
export * from './regex/linear-regex';
