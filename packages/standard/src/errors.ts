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
    'JWS_CRIT_UNSUPPORTED',
    'JSON_INVALID_UTF8',
    'JSON_DUPLICATE_NAME',
    'JSON_LONE_SURROGATE',
    'JSON_TOO_DEEP',
    'JSON_NUMBER_INVALID',
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
    'PARTICIPANT_UNVERIFIED',
    'SENDER_MISMATCH',
    'MODULE_NOT_ALLOWED',
    'ROLE_NOT_ALLOWED',
    'RECIPIENT_UNKNOWN',
    'RECIPIENT_SUSPENDED',
    'RECIPIENT_LACKS_MODULE',
    'RECIPIENT_ROLE_NOT_ALLOWED',
    'VERSION_NOT_ACCEPTED',
    'BSN_NOT_ALLOWED',
    'POSTCODE_REQUIRED',
    'POSTCODE_NOT_ALLOWED',
    'POSTCODE_MISMATCH',
    'POSTCODE_UNSERVED',
    'RECIPIENT_NOT_RESPONSIBLE',
    'FORBIDDEN',
    'LOGIN_FAILED',
    'LOGIN_THROTTLED',
    'SESSION_INVALID',
    'CSRF_INVALID',
    'PORTAL_KEY_NOT_FOUND',
    'PORTAL_KEY_NOT_ACTIVE',
    'PORTAL_CA_UNAVAILABLE',
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
    'CONVERSATION_NOT_NEW',
  ],
  ledger: [
    'MESSAGE_ID_CONFLICT',
    'MESSAGE_NOT_FOUND',
    'LEDGER_UNAVAILABLE',
    'LEDGER_FULL',
    'LEDGER_TAMPERED',
  ],
  transport: [
    'BODY_TOO_LARGE',
    'HTTP_MALFORMED',
    'HEADERS_TOO_LARGE',
    'REQUEST_TIMEOUT',
    'UNSUPPORTED_MEDIA_TYPE',
    'NOT_ACCEPTABLE',
    'ROUTE_NOT_FOUND',
    'METHOD_NOT_ALLOWED',
    'BROKER_UNAVAILABLE',
    'DEAD_LETTER_NOT_FOUND',
    'RATE_LIMITED',
    'INTERNAL',
  ],
  attachment: [
    'ATTACHMENT_MISSING',
    'ATTACHMENT_MISMATCH',
    'ATTACHMENT_TOO_LARGE',
    'ATTACHMENT_DIGEST_MISMATCH',
    'ATTACHMENT_NOT_FOUND',
  ],
  usage: ['USAGE_INVALID', 'FILE_UNREADABLE', 'SKP_VALUE_INVALID'],
  /** Raised by the SDK about what the hub answered (or did not). */
  client: ['RECEIPT_MISMATCH', 'RECEIPT_MALFORMED', 'RECEIPT_TIMEOUT', 'HUB_ANSWER_UNEXPECTED'],
} as const;

type Values<T> = T[keyof T];
/** A stable error code. */
export type ErrorCode = Values<{
  [F in keyof typeof ERROR_CODES]: (typeof ERROR_CODES)[F][number];
}>;
/** The family an error code belongs to. */
export type ErrorFamily = keyof typeof ERROR_CODES;
/** The codes of one family. */
export type CodeOf<F extends ErrorFamily> = (typeof ERROR_CODES)[F][number];

/** Every code, flat, for documentation checks and exhaustive switches. */
export const ALL_ERROR_CODES: readonly ErrorCode[] = Object.values(ERROR_CODES).flat();

/** The codes the hub answers with: every family but `client` (which the SDK raises itself). */
export type HubErrorCode = Exclude<ErrorCode, CodeOf<'client'>>;
/** Every code the hub answers with. */
export const HUB_ERROR_CODES: readonly HubErrorCode[] = ALL_ERROR_CODES.filter(
  (code): code is HubErrorCode => !(ERROR_CODES.client as readonly string[]).includes(code),
);

/**
 * The codes that say the hub could not do it now, for a reason of its own (a ledger or broker
 * that does not answer, a full disk): the same request later may succeed. The pipeline never
 * records them as a rejection of the message, REST answers them with `Retry-After`, and the
 * AMQP consumer holds the delivery and tries it again instead of answering it.
 */
export const TRANSIENT_CODES: readonly HubErrorCode[] = [
  'LEDGER_UNAVAILABLE',
  'LEDGER_FULL',
  'BROKER_UNAVAILABLE',
];

/** Whether `code` is one of the transient codes (TRANSIENT_CODES). */
export function isTransientCode(code: ErrorCode): boolean {
  return (TRANSIENT_CODES as readonly ErrorCode[]).includes(code);
}

/** Whether `code` is one the hub answers with. */
export function isHubErrorCode(code: ErrorCode): code is HubErrorCode {
  return familyOf(code) !== 'client';
}

/** Whether `value` is one of the stable codes (e.g. a code read from a hub's answer). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && FAMILY_BY_CODE.has(value as ErrorCode);
}

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

/**
 * Base of every error Knooppunt raises on purpose; `C` narrows the codes a family may carry,
 * so that, say, an EnvelopeError can only be made with an envelope code.
 */
export class KnooppuntError<C extends ErrorCode = ErrorCode> extends Error {
  /** Stable, documented code. */
  readonly code: C;
  override readonly name: string = 'KnooppuntError';

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The family of this error's code. */
  get family(): ErrorFamily {
    return familyOf(this.code);
  }
}

/** The signed envelope is malformed, altered or not signed as the standard requires. */
export class EnvelopeError extends KnooppuntError<CodeOf<'envelope'>> {
  override readonly name = 'EnvelopeError';
}

/** The signing certificate is unknown, untrusted, out of its validity or revoked. */
export class CertificateError extends KnooppuntError<CodeOf<'certificate'>> {
  override readonly name = 'CertificateError';
}

/** The catalogue does not know the module or message type, or they do not belong together. */
export class CatalogueError extends KnooppuntError<CodeOf<'catalogue'>> {
  override readonly name = 'CatalogueError';
}

/** How many violations, reasons and the like an answer, receipt or ledger entry carries at most. */
export const MAX_REASONS = 20;

/**
 * A document failed JSON Schema validation; `violations` lists the offending fields — the
 * first `MAX_REASONS` of them, so that no answer grows with the input — and `violationCount`
 * how many there were in all.
 */
export class SchemaError extends KnooppuntError<CodeOf<'schema'>> {
  override readonly name = 'SchemaError';
  readonly violations: readonly SchemaViolation[];
  readonly violationCount: number;

  constructor(
    code: CodeOf<'schema'>,
    message: string,
    violations: readonly SchemaViolation[],
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.violations = violations.slice(0, MAX_REASONS);
    this.violationCount = violations.length;
  }
}

/** The participant may not do this: identity, role, module, recipient or BSN rules. */
export class AuthorisationError extends KnooppuntError<CodeOf<'authorisation'>> {
  override readonly name = 'AuthorisationError';
}

/** The message breaks the reply rules or the state of its conversation. */
export class ConversationError extends KnooppuntError<CodeOf<'conversation'>> {
  override readonly name = 'ConversationError';
}

/** The ledger refused or could not do what was asked. */
export class LedgerError extends KnooppuntError<CodeOf<'ledger'>> {
  override readonly name = 'LedgerError';
}

/** The request itself is wrong at the transport level (size, media type, route). */
export class TransportError extends KnooppuntError<CodeOf<'transport'>> {
  override readonly name = 'TransportError';
}

/**
 * An attachment (standard 2.1) is not as its reference says: not uploaded, another size or
 * media type, larger than the limit, bytes that do not have the digest they were sent under.
 */
export class AttachmentError extends KnooppuntError<CodeOf<'attachment'>> {
  override readonly name = 'AttachmentError';
}

/** A command-line or file-level usage error. */
export class UsageError extends KnooppuntError<CodeOf<'usage'>> {
  override readonly name = 'UsageError';
}

/** Whether `error` is one of Knooppunt's with a transient code (`TRANSIENT_CODES`). */
export function isTransientError(error: unknown): error is KnooppuntError {
  return error instanceof KnooppuntError && isTransientCode(error.code);
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
