/**
 * Knooppunt's errors: one base class with a stable string `code`, one subclass per family.
 *
 * The same code reaches the user everywhere — RFC 9457 problem details on REST, a rejection
 * receipt on AMQP, stderr of the CLI — so callers and tests switch on `code`, never on the
 * message text. Every code is documented in docs/errors.md; a test keeps the two in step.
 */

/** Every stable error code, grouped by family. */
export const ERROR_CODES = {
  envelope: [
    'MALFORMED_MESSAGE',
    'SIGNATURE_MALFORMED',
    'SIGNATURE_INVALID',
    'DIGEST_MISMATCH',
    'ENVELOPE_MISMATCH',
    'ALG_NOT_ALLOWED',
    'TYP_INVALID',
    'CLOCK_SKEW',
  ],
  certificate: [
    'CERT_UNKNOWN',
    'CERT_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_REVOKED',
    'CERT_UNTRUSTED',
    'CERT_KEY_USAGE',
    'CERT_OIN_MISMATCH',
    'CERT_INVALID',
  ],
  schema: ['SCHEMA_INVALID', 'SCHEMA_UNKNOWN_TYPE'],
  catalogue: ['MODULE_UNKNOWN', 'MESSAGE_TYPE_UNKNOWN', 'MODULE_MISMATCH'],
  authorisation: [
    'UNAUTHENTICATED',
    'TOKEN_INVALID',
    'ASSERTION_INVALID',
    'PARTICIPANT_UNKNOWN',
    'PARTICIPANT_SUSPENDED',
    'SENDER_MISMATCH',
    'MODULE_NOT_ALLOWED',
    'ROLE_NOT_ALLOWED',
    'RECIPIENT_UNKNOWN',
    'RECIPIENT_SUSPENDED',
    'RECIPIENT_LACKS_MODULE',
    'RECIPIENT_ROLE_NOT_ALLOWED',
    'BSN_NOT_ALLOWED',
    'FORBIDDEN',
  ],
  conversation: [
    'REPLY_REQUIRED',
    'REPLY_NOT_ALLOWED',
    'REPLY_TARGET_UNKNOWN',
    'REPLY_NOT_ADDRESSED_TO_SENDER',
    'ANSWER_TYPE_NOT_ALLOWED',
    'CONVERSATION_MISMATCH',
    'CONVERSATION_UNKNOWN',
    'CONVERSATION_CLOSED',
    'CONVERSATION_NOT_PARTICIPANT',
  ],
  ledger: ['MESSAGE_ID_CONFLICT', 'MESSAGE_NOT_FOUND', 'LEDGER_UNAVAILABLE', 'LEDGER_TAMPERED'],
  transport: [
    'BODY_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'NOT_ACCEPTABLE',
    'ROUTE_NOT_FOUND',
    'METHOD_NOT_ALLOWED',
    'BROKER_UNAVAILABLE',
    'INTERNAL',
  ],
  usage: ['USAGE_INVALID', 'FILE_UNREADABLE'],
} as const;

type Values<T> = T[keyof T];
/** A stable error code. */
export type ErrorCode = Values<{
  [F in keyof typeof ERROR_CODES]: (typeof ERROR_CODES)[F][number];
}>;
/** The family an error code belongs to. */
export type ErrorFamily = keyof typeof ERROR_CODES;

/** Every code, flat, for documentation checks and exhaustive switches. */
export const ALL_ERROR_CODES: readonly ErrorCode[] = Object.values(ERROR_CODES).flat();

/** One offending field of a schema validation, kept as ajv reports it (JSON pointers). */
export interface SchemaViolation {
  /** JSON pointer (RFC 6901) into the validated document, e.g. `/payload/schuldenaar/bsn`. */
  readonly instancePath: string;
  /** JSON pointer into the schema to the failing keyword. */
  readonly schemaPath: string;
  /** The failing keyword (`required`, `format`, `additionalProperties`, …). */
  readonly keyword: string;
  /** ajv's keyword parameters, e.g. `{ missingProperty: 'bsn' }`. */
  readonly params: Readonly<Record<string, unknown>>;
  /** ajv's message. */
  readonly message: string;
}

/** Base of every error Knooppunt raises on purpose. */
export class KnooppuntError extends Error {
  /** Stable, documented code. */
  readonly code: ErrorCode;
  override readonly name: string = 'KnooppuntError';

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The family of this error's code. */
  get family(): ErrorFamily {
    return familyOf(this.code);
  }
}

/** The signed envelope is malformed, altered or not signed as the standard requires. */
export class EnvelopeError extends KnooppuntError {
  override readonly name = 'EnvelopeError';
}

/** The signing certificate is unknown, untrusted, out of its validity or revoked. */
export class CertificateError extends KnooppuntError {
  override readonly name = 'CertificateError';
}

/** The catalogue does not know the module or message type, or they do not belong together. */
export class CatalogueError extends KnooppuntError {
  override readonly name = 'CatalogueError';
}

/** A document failed JSON Schema validation; `violations` lists every offending field. */
export class SchemaError extends KnooppuntError {
  override readonly name = 'SchemaError';
  readonly violations: readonly SchemaViolation[];

  constructor(
    code: ErrorCode,
    message: string,
    violations: readonly SchemaViolation[],
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.violations = violations;
  }
}

/** The participant may not do this: identity, role, module, recipient or BSN rules. */
export class AuthorisationError extends KnooppuntError {
  override readonly name = 'AuthorisationError';
}

/** The message breaks the reply rules or the state of its conversation. */
export class ConversationError extends KnooppuntError {
  override readonly name = 'ConversationError';
}

/** The ledger refused or could not do what was asked. */
export class LedgerError extends KnooppuntError {
  override readonly name = 'LedgerError';
}

/** The request itself is wrong at the transport level (size, media type, route). */
export class TransportError extends KnooppuntError {
  override readonly name = 'TransportError';
}

/** A command-line or file-level usage error. */
export class UsageError extends KnooppuntError {
  override readonly name = 'UsageError';
}

/** The family of a code (a lookup, not a chain of ifs). */
export function familyOf(code: ErrorCode): ErrorFamily {
  const family = FAMILY_BY_CODE.get(code);
  if (family === undefined) throw new TypeError(`unknown error code ${code}`);
  return family;
}

const FAMILY_BY_CODE: ReadonlyMap<ErrorCode, ErrorFamily> = new Map(
  (Object.keys(ERROR_CODES) as ErrorFamily[]).flatMap((family) =>
    ERROR_CODES[family].map((code) => [code, family] as const),
  ),
);
