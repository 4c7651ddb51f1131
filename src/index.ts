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
} from './errors.ts';
export type { ErrorCode, ErrorFamily, SchemaViolation } from './errors.ts';
export * from './catalogue/index.ts';
export * from './envelope/index.ts';
export { systemClock, ManualClock } from './clock.ts';
export type { Clock } from './clock.ts';
export { HubError, MessageFactory, RestClient, distribute, zeroOffer } from './sdk/index.ts';
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
} from './sdk/index.ts';
export type { MessagePayloads } from './sdk/types.generated.ts';
