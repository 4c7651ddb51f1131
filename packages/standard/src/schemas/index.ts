/**
 * The schema registry's public surface: create a registry, validate envelopes, messages and
 * payloads, list and serve the schemas, and the format checks behind `oin`, `bsn` and `iban`.
 */
export { createSchemaRegistry } from './registry.ts';
export {
  betalingskenmerkCheckDigit,
  isValidBetalingskenmerk,
  isValidBsn,
  isValidIban,
  isValidOin,
  isValidPostcode,
} from './formats.ts';
export { maximumCollectionCosts } from './collection_costs.ts';
export { examplePayload } from './examples.ts';
export { CHANGELOG_URL, changelogVersions, readChangelog } from './changelog.ts';
export {
  readSchemaFiles,
  DEFS_SCHEMA_ID,
  ENVELOPE_SCHEMA_ID,
  MESSAGE_SCHEMA_ID,
  SCHEMA_BASE,
} from './schema_files.ts';
export type {
  Envelope,
  Message,
  MessageSchemaInfo,
  Payload,
  SchemaDocument,
  SchemaRegistry,
  SchemaRegistryOptions,
} from './types.ts';
