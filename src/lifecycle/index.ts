/**
 * A message's lifecycle in one place: the record and events of an accepted message, the moves
 * between its states, and the claims of the receipts that attest them. Pure; the ledger does
 * the I/O.
 */
export * from './records.ts';
export * from './transitions.ts';
export * from './receipt_claims.ts';
export * from './hub_reads.ts';
