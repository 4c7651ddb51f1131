#!/usr/bin/env node
// The `knooppunt` command. Runs the TypeScript sources through tsx's loader so the command
// works straight from a clone (`npm ci` is all it needs), from any working directory.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
