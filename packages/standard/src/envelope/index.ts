/** Signed envelopes: canonical JSON, payload digest, signing and verification. */
export * from './message.ts';
export * from './canonical.ts';
export * from './keys.ts';
export * from './sign.ts';
export * from './verify.ts';
export * from './certificates.ts';
export { decodeJwsClaims, decodeJwsHeader, refuseCriticalExtensions } from './jws.ts';
export { jsonEqual } from './json_equal.ts';
export { parseSignedMessage, readJwsHeader, THUMBPRINT } from './parse.ts';
export type { JwsHeader } from './parse.ts';
export { parseStrictJson, STRICT_JSON_DEFAULTS } from './strict_json.ts';
export type { StrictJsonLimits } from './strict_json.ts';
