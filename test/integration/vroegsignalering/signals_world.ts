/**
 * Early signals (vroegsignalering) in tests: a creditor's signal of payment arrears and a
 * municipality's outcome, signed as the SDK would make them (version 2.1, module
 * vroegsignalering, the envelope's `postcode` the PC4 area of the payload's address), from the
 * standard's own examples; and an operator's session to read the reach figures.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { examplePayload, signalPc4, signMessage } from '@knooppunt/standard';
import type { EnvelopeFields, SignedMessage } from '@knooppunt/standard';
import type { ReachFigures } from '../../../src/ops/reach.ts';
import { devOin } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

/** A signal's payload: the energy company's example (Kanaalstraat, 3531 CL Utrecht) unless named. */
export function signalPayload(example = 'energie-utrecht'): Record<string, unknown> {
  return examplePayload('signaal-betalingsachterstand', example);
}

/** What a test may change of a signal. */
export interface SignalSpec {
  readonly from: string;
  /** The municipality (handle or OIN) named as recipient. */
  readonly to: string;
  readonly payload?: Record<string, unknown>;
  /** @defaultValue the PC4 area of the payload's postcode; `null` leaves it out */
  readonly postcode?: string | null;
  /** @defaultValue now (a hub on a controlled clock wants its time) */
  readonly createdAt?: Date;
}

/** A signed signal (2.1). */
export function signal(testHub: TestHub, spec: SignalSpec): SignedMessage {
  const payload = spec.payload ?? signalPayload();
  const postcode = spec.postcode === undefined ? signalPc4(payload) : spec.postcode;
  const fields: EnvelopeFields = {
    messageId: randomUUID(),
    conversationId: randomUUID(),
    module: 'vroegsignalering',
    messageType: 'signaal-betalingsachterstand',
    version: '2.1',
    sender: devOin(spec.from),
    recipient: devOin(spec.to),
    createdAt: (spec.createdAt ?? new Date()).toISOString(),
    ...(postcode === null || postcode === undefined ? {} : { postcode }),
  };
  return signMessage(fields, payload, testHub.signer(spec.from));
}

/** The municipality's signed outcome of `answered` (default `bereikt`). */
export function outcome(
  testHub: TestHub,
  answered: SignedMessage,
  payload: Record<string, unknown> = examplePayload('signaal-uitkomst', 'bereikt'),
  createdAt: Date = new Date(),
): SignedMessage {
  const { envelope } = answered;
  const fields: EnvelopeFields = {
    messageId: randomUUID(),
    conversationId: envelope.conversationId,
    inReplyTo: envelope.messageId,
    module: 'vroegsignalering',
    messageType: 'signaal-uitkomst',
    version: '2.1',
    sender: envelope.recipient,
    recipient: envelope.sender,
    createdAt: createdAt.toISOString(),
  };
  return signMessage(fields, payload, testHub.signer(envelope.recipient));
}

/** The reach figures as an operator reads them; `raw` answers any status, for a query. */
export type ReachReader = (() => Promise<ReachFigures>) & {
  readonly raw: (query: string) => Promise<{ status: number; body: Record<string, unknown> }>;
};

/** An operator signed in to the console's API, reading the reach figures. */
export async function operatorReach(testHub: TestHub): Promise<ReachReader> {
  const name = `reach.${randomUUID().slice(0, 8)}`;
  const { password } = await testHub.hub.operators.accounts.add(name, 'viewer', 'test');
  const login = await fetch(`${testHub.baseUrl}/v1/operator/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  expect(login.status).to.equal(201);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const raw = async (query: string) => {
    const response = await fetch(`${testHub.baseUrl}/v1/operator/vroegsignalering${query}`, {
      headers: { cookie },
    });
    const text = await response.text();
    testHub.openapi.check({
      method: 'GET',
      path: '/v1/operator/vroegsignalering',
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      text,
    });
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  };
  const figures = async () => {
    const { status, body } = await raw('');
    expect(status, JSON.stringify(body)).to.equal(200);
    return body as unknown as ReachFigures;
  };
  return Object.assign(figures, { raw });
}
