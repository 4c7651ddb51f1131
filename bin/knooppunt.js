#!/usr/bin/env node
// The `knooppunt` command. Runs the TypeScript sources through tsx's loader so the command
// works straight from a clone (`npm ci` is all it needs), from any working directory; the
// workspace packages resolve to their sources (bin/source_conditions.js).
import './register_source.js';

// `knooppunt … | head` closes stdout early: end quietly instead of with an EPIPE stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
