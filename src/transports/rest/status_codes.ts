/**
 * The HTTP status and problem title of every error code, as data: one row per code, checked
 * by the compiler (a `Record` over `ErrorCode`) and by a test. Where docs/errors.md gives a
 * status, this table uses exactly that one; for the families it leaves open (envelope,
 * certificate, schema, catalogue, usage) a submission the hub cannot accept as sent is 422,
 * except a body that is no message at all (400).
 *
 * A few routes answer a code with another status, and say so where they do: the CERT_* codes
 * are 401 when they fail authentication (mutual TLS, client assertion) rather than a message;
 * a schema or conversation that a GET names but that does not exist is 404; a message whose
 * payload is gone is 410.
 */
import type { HubErrorCode } from '@knooppunt/standard';

/** How one error code appears over HTTP. */
export interface ProblemKind {
  /** The HTTP status. */
  readonly status: number;
  /** RFC 9457 `title`: a short summary of the problem type, the same for every occurrence. */
  readonly title: string;
  /**
   * For the transient codes (TRANSIENT_CODES of the standard): the seconds a client should
   * wait before sending the same request again, answered as `Retry-After` (RFC 9110 §10.2.3).
   */
  readonly retryAfterSeconds?: number;
}

const row = (status: number, title: string, retryAfterSeconds?: number): ProblemKind =>
  Object.freeze(
    retryAfterSeconds === undefined ? { status, title } : { status, title, retryAfterSeconds },
  );

/** Every code the hub answers with, with its HTTP status and title. */
export const PROBLEM_KINDS: Readonly<Record<HubErrorCode, ProblemKind>> = Object.freeze({
  // envelope
  MALFORMED_MESSAGE: row(400, 'The body is not a message'),
  SIGNATURE_MALFORMED: row(422, 'The signature is not a compact JWS'),
  SIGNATURE_INVALID: row(422, 'The signature does not verify'),
  DIGEST_MISMATCH: row(422, 'The payload does not match its digest'),
  ENVELOPE_MISMATCH: row(422, 'The signed envelope differs from the plaintext envelope'),
  ALG_NOT_ALLOWED: row(422, 'The signature algorithm is not allowed'),
  TYP_INVALID: row(422, 'The JWS typ is not knooppunt-envelope+jwt'),
  CLOCK_SKEW: row(422, "The creation time is too far from the hub's clock"),
  JWS_CRIT_UNSUPPORTED: row(422, 'The JWS header names critical extensions the hub does not know'),
  JSON_INVALID_UTF8: row(400, 'The body is not valid UTF-8'),
  JSON_DUPLICATE_NAME: row(400, 'An object has a member name twice'),
  JSON_LONE_SURROGATE: row(400, 'A string holds a lone surrogate'),
  JSON_TOO_DEEP: row(400, 'The JSON nests too deep'),
  JSON_NUMBER_INVALID: row(400, 'A number is too large to represent'),
  // certificate (422 for a message's signing certificate; 401 when authenticating)
  CERT_UNKNOWN: row(422, 'The certificate is not registered'),
  CERT_EXPIRED: row(422, 'The certificate has expired'),
  CERT_NOT_YET_VALID: row(422, 'The certificate is not yet valid'),
  CERT_REVOKED: row(422, 'The certificate is revoked'),
  CERT_UNTRUSTED: row(422, 'The certificate does not chain to a trusted CA'),
  CERT_KEY_USAGE: row(422, 'The certificate may not sign'),
  CERT_OIN_MISMATCH: row(422, 'The certificate belongs to another OIN'),
  CERT_INVALID: row(422, 'The certificate cannot be read'),
  // schema
  SCHEMA_INVALID: row(422, 'The message fails its schema'),
  SCHEMA_UNKNOWN_TYPE: row(422, 'No schema for this message type and version'),
  // catalogue
  MODULE_UNKNOWN: row(422, 'Unknown module'),
  MESSAGE_TYPE_UNKNOWN: row(422, 'Unknown message type'),
  MODULE_MISMATCH: row(422, 'The message type does not belong to the module'),
  // authorisation (docs/errors.md)
  UNAUTHENTICATED: row(401, 'Authentication required'),
  TOKEN_INVALID: row(401, 'The bearer token is not valid'),
  ASSERTION_INVALID: row(401, 'The client assertion is not valid'),
  PARTICIPANT_UNKNOWN: row(401, 'Unknown participant'),
  PARTICIPANT_SUSPENDED: row(403, 'The participant is suspended'),
  PARTICIPANT_UNVERIFIED: row(403, 'The registry entry does not match its recorded history'),
  SENDER_MISMATCH: row(403, 'The envelope sender is not the authenticated participant'),
  MODULE_NOT_ALLOWED: row(403, 'The sender may not send in this module'),
  ROLE_NOT_ALLOWED: row(403, 'The sender may not send this message type'),
  RECIPIENT_UNKNOWN: row(422, 'Unknown recipient'),
  RECIPIENT_SUSPENDED: row(422, 'The recipient is suspended'),
  RECIPIENT_LACKS_MODULE: row(422, 'The recipient does not take part in this module'),
  RECIPIENT_ROLE_NOT_ALLOWED: row(422, 'The recipient may not receive this message type'),
  VERSION_NOT_ACCEPTED: row(422, 'The recipient does not take this version of the standard'),
  BSN_NOT_ALLOWED: row(422, 'The recipient may not receive a BSN'),
  POSTCODE_REQUIRED: row(422, 'The message type is routed by postcode: the envelope needs one'),
  POSTCODE_NOT_ALLOWED: row(422, 'The message type is not routed by postcode'),
  POSTCODE_MISMATCH: row(422, "The payload's postcode is not in the envelope's postal area"),
  POSTCODE_UNSERVED: row(422, 'No municipality serves this postal area'),
  RECIPIENT_NOT_RESPONSIBLE: row(422, 'The recipient does not serve this postal area'),
  FORBIDDEN: row(403, 'Forbidden'),
  LOGIN_FAILED: row(401, 'The name or the password is not right'),
  LOGIN_THROTTLED: row(429, 'Too many failed logins'),
  SESSION_INVALID: row(401, 'No operator session'),
  CSRF_INVALID: row(403, 'The CSRF token is missing or wrong'),
  PORTAL_KEY_NOT_FOUND: row(404, 'No such portal key'),
  PORTAL_KEY_NOT_ACTIVE: row(403, 'The portal key is not enrolled for this user'),
  PORTAL_CA_UNAVAILABLE: row(503, 'The hub has no portal CA to certify browser keys'),
  // conversation (docs/errors.md)
  REPLY_REQUIRED: row(422, 'This message type must answer a message'),
  REPLY_NOT_ALLOWED: row(422, 'This message type does not answer a message'),
  REPLY_TARGET_UNKNOWN: row(422, 'The answered message is unknown'),
  REPLY_NOT_ADDRESSED_TO_SENDER: row(403, 'The answered message was not addressed to the sender'),
  ANSWER_TYPE_NOT_ALLOWED: row(422, 'This message type may not answer that message'),
  CONVERSATION_MISMATCH: row(422, 'The answer belongs to another conversation'),
  CONVERSATION_UNKNOWN: row(422, 'Unknown conversation'),
  CONVERSATION_CLOSED: row(409, 'The conversation is closed'),
  CONVERSATION_NOT_PARTICIPANT: row(403, 'Not a participant of the conversation'),
  CONVERSATION_NOT_NEW: row(409, 'The message type opens a new conversation'),
  // ledger (docs/errors.md; LEDGER_TAMPERED never answers a request, 500 if it ever did)
  MESSAGE_ID_CONFLICT: row(409, 'Another message has this id'),
  MESSAGE_NOT_FOUND: row(404, 'Message not found'),
  LEDGER_UNAVAILABLE: row(503, 'The ledger is unavailable', 5),
  LEDGER_FULL: row(503, "The ledger's storage is full", 30),
  LEDGER_TAMPERED: row(500, 'The ledger contradicts its hashes'),
  // transport (docs/errors.md)
  BODY_TOO_LARGE: row(413, 'The request body is too large'),
  HTTP_MALFORMED: row(400, 'The request is not valid HTTP'),
  HEADERS_TOO_LARGE: row(431, 'The request headers are too large'),
  REQUEST_TIMEOUT: row(408, 'The request did not arrive in time'),
  UNSUPPORTED_MEDIA_TYPE: row(415, 'Unsupported media type'),
  NOT_ACCEPTABLE: row(406, 'Not acceptable'),
  ROUTE_NOT_FOUND: row(404, 'No such endpoint'),
  METHOD_NOT_ALLOWED: row(405, 'Method not allowed'),
  BROKER_UNAVAILABLE: row(503, 'The broker is unavailable', 5),
  RATE_LIMITED: row(429, 'Too many requests from this participant'),
  DEAD_LETTER_NOT_FOUND: row(404, 'No such dead letter'),
  INTERNAL: row(500, 'Internal error'),
  // attachment (docs/errors.md)
  ATTACHMENT_MISSING: row(422, 'A referenced attachment was not uploaded'),
  ATTACHMENT_MISMATCH: row(422, 'An uploaded attachment differs from its reference'),
  ATTACHMENT_TOO_LARGE: row(413, 'The attachment is larger than the limit'),
  ATTACHMENT_DIGEST_MISMATCH: row(422, 'The attachment does not have the digest it was sent under'),
  ATTACHMENT_NOT_FOUND: row(404, 'No such attachment of this message'),
  // usage (a file the server cannot read is the server's problem)
  USAGE_INVALID: row(400, 'Invalid request'),
  FILE_UNREADABLE: row(500, 'A file cannot be read'),
  SKP_VALUE_INVALID: row(422, 'A Schuldenknooppunt value cannot be read'),
});

/** The HTTP status of an error code. */
export function statusOf(code: HubErrorCode): number {
  return PROBLEM_KINDS[code].status;
}

/** The `Retry-After` seconds of a transient code; undefined for every other code. */
export function retryAfterOf(code: HubErrorCode): number | undefined {
  return PROBLEM_KINDS[code].retryAfterSeconds;
}

/** The problem title of an error code. */
export function titleOf(code: HubErrorCode): string {
  return PROBLEM_KINDS[code].title;
}
