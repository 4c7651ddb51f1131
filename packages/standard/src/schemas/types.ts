/**
 * The types of the schema registry's surface: the validated envelope and message, the listing
 * of message schemas, and the registry itself. The `Envelope` type is written by hand to match
 * `schemas/envelope.schema.json`; a test keeps the two in step.
 */
import type { Module } from '../catalogue/types.ts';

/** A validated envelope (`https://schemas.knooppunt.nl/envelope/2.0`), frozen. */
export interface Envelope {
  /** Unique id of the message (lowercase UUID), chosen by the sender. */
  readonly messageId: string;
  /** Id of the conversation (the dossier of one debtor case) the message belongs to. */
  readonly conversationId: string;
  /** The `messageId` this message answers, when it answers one. */
  readonly inReplyTo?: string;
  /** The module (phase of debt help) the message belongs to. */
  readonly module: Module;
  /** The message type, e.g. `saldoverzoek`; not checked against the catalogue here. */
  readonly messageType: string;
  /** The message type's schema version, `major.minor`, e.g. `2.0`. */
  readonly version: string;
  /** OIN of the sender (20 digits). */
  readonly sender: string;
  /** OIN of the recipient (20 digits). */
  readonly recipient: string;
  /** Creation time, RFC 3339 in UTC with `Z`. */
  readonly createdAt: string;
  /** SHA-256 of the RFC 8785 canonical payload, base64url without padding. */
  readonly payloadDigest: string;
  /** The PC4 area of the person, for the types the catalogue routes by postcode (vroegsignalering). */
  readonly postcode?: string;
}

/** A validated payload: a JSON object whose shape its message schema guarantees. */
export type Payload = Readonly<Record<string, unknown>>;

/** A validated wire message (`https://schemas.knooppunt.nl/message/2.0`), frozen at the top. */
export interface Message {
  /** The signed routing header (a frozen copy). */
  readonly envelope: Envelope;
  /** The payload, validated against the schema its envelope names (not copied). */
  readonly payload: Payload;
  /** The sender's compact JWS over the envelope. */
  readonly signature: string;
}

/** One message schema as the registry lists it (for catalogues, docs and the REST API). */
export interface MessageSchemaInfo {
  /** The message type, e.g. `saldoverzoek`. */
  readonly messageType: string;
  /** The schema version, e.g. `2.0`. */
  readonly version: string;
  /** The schema's `$id`, `https://schemas.knooppunt.nl/berichten/<type>/<version>`. */
  readonly $id: string;
  /** The schema's `title` (equal to the message type). */
  readonly title: string;
  /** The schema's `description`. */
  readonly description: string;
}

/** A JSON Schema document as loaded from `schemas/`, deeply frozen. */
export type SchemaDocument = Readonly<Record<string, unknown>>;

/** Options of {@link SchemaRegistry} creation. */
export interface SchemaRegistryOptions {
  /**
   * Directory holding the `*.schema.json` files (searched recursively; `examples/` skipped).
   *
   * @defaultValue the repository's `schemas/`, resolved from this module's location
   */
  readonly schemaDir?: string | URL;
}

/**
 * Validates envelopes, wire messages and payloads against the standard's schemas, compiled
 * once. Every failure is a `SchemaError`: `SCHEMA_INVALID` with ajv's violations (JSON
 * pointers), or `SCHEMA_UNKNOWN_TYPE` with no violations.
 */
export interface SchemaRegistry {
  /**
   * Validates an envelope.
   *
   * @returns a frozen copy of the envelope
   * @throws SchemaError `SCHEMA_INVALID`, pointers rooted at the envelope (`/sender`)
   */
  validateEnvelope(value: unknown): Envelope;
  /**
   * Validates a wire message `{ envelope, payload, signature }`, then its payload against the
   * schema its envelope names. Does not check the signature or the catalogue.
   *
   * @returns the message with a frozen copy of its envelope
   * @throws SchemaError `SCHEMA_INVALID`, pointers rooted at the message (`/envelope/sender`,
   *   `/payload/schuldenaar/bsn`), or `SCHEMA_UNKNOWN_TYPE` when no schema has that type and version
   */
  validateMessage(value: unknown): Message;
  /**
   * Validates a payload against the schema of `messageType` at `version`.
   *
   * @returns the payload itself
   * @throws SchemaError `SCHEMA_INVALID`, pointers rooted at the payload (`/schuldenaar/bsn`),
   *   or `SCHEMA_UNKNOWN_TYPE` when no schema has that type and version
   */
  validatePayload(messageType: string, version: string, value: unknown): Payload;
  /** Whether a schema exists for `messageType` at `version`. */
  has(messageType: string, version: string): boolean;
  /** Every message schema, sorted by type then version. */
  listMessageSchemas(): readonly MessageSchemaInfo[];
  /** The schema document with this `$id` (for serving), or `undefined` when there is none. */
  getSchema($id: string): SchemaDocument | undefined;
}
