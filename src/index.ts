/**
 * Knooppunt's public surface: what vendors and tools import. Everything is exported by name.
 */
export {
  KnooppuntError,
  EnvelopeError,
  CertificateError,
  CatalogueError,
  SchemaError,
  UsageError,
  AuthorisationError,
  ConversationError,
  LedgerError,
  TransportError,
  ERROR_CODES,
  ALL_ERROR_CODES,
  familyOf,
} from '@knooppunt/standard';
export type { ErrorCode, ErrorFamily, SchemaViolation } from '@knooppunt/standard';
export * from '@knooppunt/standard';
export * from '@knooppunt/standard';
export { systemClock, ManualClock } from '@knooppunt/standard';
export type { Clock } from '@knooppunt/standard';
export { HubError, MessageFactory, RestClient, distribute, zeroOffer } from '@knooppunt/sdk';
export type {
  Allocation,
  Claim,
  Distribution,
  Draft,
  MailboxQuery,
  Problem,
  RestClientOptions,
  SendableType,
  Sent,
} from '@knooppunt/sdk';
export type { MessagePayloads } from '@knooppunt/sdk';
