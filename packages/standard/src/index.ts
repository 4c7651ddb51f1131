/**
 * The Knooppunt message standard and its wire contract, shared by the hub and every client:
 *
 * - the error codes (one union, a class per family);
 * - the catalogue (modules, message types, roles, reply rules, deadlines in Dutch working days);
 * - the JSON Schemas of the envelope and every message type, with their examples;
 * - signed envelopes (RFC 8785 digest, JWS signing and verification) and certificate checks;
 * - the hub's receipts (claims, signing, verification);
 * - the wire contract: REST bodies and problem details, AMQP names and receipt bodies.
 *
 * Certificate building blocks (DER, extensions) are at `@knooppunt/standard/pki`.
 */
export * from './errors.ts';
export * from './clock.ts';
export * from './json_pointer.ts';
export * from './catalogue/index.ts';
export * from './schemas/index.ts';
export * from './envelope/index.ts';
export * from './pki/inspect.ts';
export * from './pki/pem.ts';
export * from './pki/trust_store.ts';
export * from './receipts/receipt.ts';
export * from './wire/rest.ts';
export * from './wire/amqp.ts';
export * from './attachments/index.ts';
/** Translations of the Schuldenknooppunt's messages onto standard 2.1 (docs/schuldenknooppunt.md). */
export * as skp from './skp/index.ts';
