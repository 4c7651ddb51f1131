/**
 * Sending an early signal (vroegsignalering): a creditor of fixed costs knows where the person
 * lives, not which municipality to send to. `sendSignal` asks the hub's directory which
 * municipality serves the postcode (over REST, which every participant may use, also one that
 * takes delivery over AMQP), names it as the recipient of the signed envelope, and sends the
 * signal over the connection given (REST or AMQP). The hub checks the same rule on arrival.
 */
import type { MessageFactory } from './messages.ts';
import type { PostcodeArea, RestClient, Sent } from './rest_client.ts';
import type { SignaalBetalingsachterstandV21 } from './types.generated.ts';
import type { HubConnection } from './index.ts';

/** A signal's payload (`signaal-betalingsachterstand` 2.1); its `adres.postcode` routes it. */
export type SignalPayload = SignaalBetalingsachterstandV21;

/** What `sendSignal` needs. */
export interface SignalOptions {
  /** Builds and signs the signal (the creditor's factory). */
  readonly factory: MessageFactory;
  /** Looks the municipality up in the hub's directory. */
  readonly directory: Pick<RestClient, 'municipalityFor'>;
  /** Sends the signal. @defaultValue the directory's REST client */
  readonly via?: Pick<HubConnection, 'send'>;
  /** The signal's payload; its `adres.postcode` decides the municipality. */
  readonly payload: SignalPayload;
  /** @defaultValue a random UUID; keep it to send the same signal again */
  readonly messageId?: string;
  /** @defaultValue a new conversation (the signal opens one; its outcome closes it) */
  readonly conversationId?: string;
}

/** A sent signal: the receipt, and the municipality it went to. */
export interface SentSignal extends Sent {
  readonly municipality: PostcodeArea['municipality'];
}

/**
 * Sends a signal of payment arrears to the municipality that serves the person's postcode.
 * Throws a HubError `POSTCODE_UNSERVED` when no municipality serves it.
 */
export async function sendSignal(options: SignalOptions): Promise<SentSignal> {
  const { municipality } = await options.directory.municipalityFor(options.payload.adres.postcode);
  const message = options.factory.create({
    type: 'signaal-betalingsachterstand',
    recipient: municipality.oin,
    payload: options.payload,
    ...(options.messageId === undefined ? {} : { messageId: options.messageId }),
    ...(options.conversationId === undefined ? {} : { conversationId: options.conversationId }),
  });
  const via = options.via ?? (options.directory as unknown as Pick<HubConnection, 'send'>);
  return { ...(await via.send(message)), municipality };
}
