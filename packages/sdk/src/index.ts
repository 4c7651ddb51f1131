/**
 * The Knooppunt SDK for vendors and creditors: payload types generated from the standard's
 * schemas, a message factory that fills, validates and signs, a REST client that sends with
 * retries and verifies the hub's receipts, receives and acknowledges, typed errors with the
 * hub's codes, and the settlement arithmetic. It depends on the message standard
 * (@knooppunt/standard) and on nothing of the hub.
 */
export { HubError } from './errors.ts';
export type { Problem } from './errors.ts';
export { MessageFactory } from './messages.ts';
export type {
  Draft,
  DraftFields,
  PayloadAt,
  SendableType,
  StandardVersion,
  VersionedPayload,
} from './messages.ts';
export { AmqpClient } from './amqp_client.ts';
export { documentsFor } from './attachments.ts';
export type { ReferencedDocument, SendOptions } from './attachments.ts';
export type { AmqpClientOptions } from './amqp_client.ts';
export { RestClient } from './rest_client.ts';
export { sendSignal } from './signals.ts';
export type { SentSignal, SignalOptions, SignalPayload } from './signals.ts';
export type { PostcodeArea } from './rest_client.ts';
export { SenderVerifier } from './verify.ts';
export type { CertificateLookup } from './verify.ts';
export type {
  LogQuery,
  MailboxQuery,
  RejectionQuery,
  RestClientOptions,
  Sent,
} from './rest_client.ts';
export { distribute, zeroOffer } from './settlement.ts';
export type { Allocation, Claim, Distribution } from './settlement.ts';
export type * from './types.generated.ts';
export { createClientAssertion, tokenEndpoint, tokenRequestBody } from './client_assertion.ts';
export type { ClientAssertionInput } from './client_assertion.ts';
// What a vendor needs of the standard with the SDK, so one import does.
export { examplePayload, signerFromPem } from '@knooppunt/standard';
export type {
  FetchedMessage,
  LogEntry,
  LogPage,
  MailboxItem,
  ReceiptClaims,
  RejectionEntry,
  RejectionPage,
  SignedMessage,
  Signer,
} from '@knooppunt/standard';
import type { FetchedMessage, SignedMessage } from '@knooppunt/standard';
import type { SendOptions } from './attachments.ts';
import type { Sent } from './rest_client.ts';

/** What both clients do, so code can send and receive the same way over REST or AMQP. */
export interface HubConnection {
  send(message: SignedMessage, options?: SendOptions): Promise<Sent>;
  receive(options?: { readonly signal?: AbortSignal }): AsyncGenerator<FetchedMessage>;
  ack(messageId: string): Promise<unknown>;
}
