/**
 * The development PKI and certificate handling: key pairs, the certificate profile (CA,
 * participants, hub), inspection (OIN, thumbprint, key usage), the trust store with chain
 * validation, PEM files and the on-disk layout of `knooppunt pki`.
 */
export * from './keys.ts';
export * from './issue.ts';
export * from './inspect.ts';
export * from './trust_store.ts';
export * from './pem.ts';
export * from './files.ts';
export { KEY_USAGES } from './extensions.ts';
export type { KeyUsage } from './extensions.ts';
