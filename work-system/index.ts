// Public surface of the reference Work System for the demo launcher, the CLI and the tests.
export { startWorkSystem, DEFAULT_HOST, DEFAULT_PORT } from './server/start';
export type { StartWorkSystemOptions, RunningWorkSystem } from './server/start';
export type { FaultConfig, FaultSpec } from './server/fault-injection';
export { WorkSystemStore } from './store/work-system-store';
export type { IssueCardInput, IssuedCard } from './store/work-system-store';
export { DEMO_HOLDERS } from './wallet/demo-holders';
export { qrSvg, qrPng, qrTerminal } from './wallet/qr-image';
