#!/usr/bin/env node
// Launcher: the CLI itself is bundled into dist/ by `npm run build` (run by `npm ci` through `prepare`).
import { run } from '../dist/cli.js';

void run(process.argv.slice(2));
