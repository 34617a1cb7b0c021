#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx essc` works straight after `npm ci`, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/essc.ts');
await main();
