// The IPC contract: channel map, schemas, DTOs, error codes. Runs in main, preload and renderer.
export * from './channels';
export * from './dto';
export * from './errors';
export * from './result';
export * from './rules/roles';
