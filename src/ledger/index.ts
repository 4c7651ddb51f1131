/** The ledger: port, adapters, tamper-evident chain, sealing and verification. */
export * from './types.ts';
export * from './port.ts';
export * from './search.ts';
export * from './participant_log.ts';
export { SqliteLedger } from './sqlite_ledger.ts';
export { MongoLedger } from './mongo_ledger.ts';
export type { MongoLedgerOptions } from './mongo_ledger.ts';
export { sealPending } from './sealer.ts';
export type { SealOptions } from './sealer.ts';
export { verifyChain } from './verify_chain.ts';
export type { ChainProblem, ChainReport, ChainReader } from './verify_chain.ts';
export { chainEvent, merkleRoot, expectedEventHash } from './chain.ts';
