export * from './raw-http';
export * from './service-process';
