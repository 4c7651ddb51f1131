/**
 * Certificates as the standard reads them (`@knooppunt/standard/pki`): DER structure, the
 * X.509 extensions the profile uses, inspection (OIN, thumbprint, key usage), PEM files and the
 * trust store with chain validation. The main entry exports the inspection, PEM and trust store
 * functions; this one adds the DER and extension building blocks that certificate issuance
 * (the hub's development CA) is made of.
 */
export * from './der.ts';
export * from './extensions.ts';
export * from './inspect.ts';
export * from './pem.ts';
export * from './trust_store.ts';
