/**
 * The development PKI and certificate handling: key pairs, the certificate profile (CA,
 * participants, hub), inspection (OIN, thumbprint, key usage), the trust store with chain
 * validation, PEM files and the on-disk layout of `knooppunt pki`.
 */
export * from './keys.ts';
export * from './issue.ts';
export * from '@knooppunt/standard';
export * from '@knooppunt/standard';
export * from '@knooppunt/standard';
export * from './files.ts';
export { KEY_USAGES } from '@knooppunt/standard/pki';
export type { KeyUsage } from '@knooppunt/standard/pki';
