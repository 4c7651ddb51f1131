/**
 * Who sends what in `npm run bench`: debt-help organisations onboarded through the operator
 * API of the running hub (`POST /v1/operator/participants`, signed in as the development
 * operator), the 14 creditors of the demo's debt case (the development network the hub
 * registers at first start), bearer tokens for all of them from `POST /v1/token`, and the
 * messages: each a conversation of a saldoverzoek and its answer with 1–20 claim lines, made by
 * the demo's case generator (src/demo/debt_case.ts), signed before the timed part.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClientAssertion, MessageFactory, tokenRequestBody } from '@knooppunt/sdk';
import { createSchemaRegistry } from '@knooppunt/standard';
import type { SchemaRegistry, Signer } from '@knooppunt/standard';
import { createDebtCase, saldoverzoek, saldoverzoekAntwoord } from '../../src/demo/debt_case.ts';
import type { CaseCreditor, DebtCase } from '../../src/demo/debt_case.ts';
import { devSignerFor } from '../../src/devnet/dev_network.ts';
import { pkiIssue } from '../../src/pki/files.ts';
import type { WireClient } from './http_client.ts';

/** One message on the wire: its id, who sends it to whom, and the body as sent. */
export interface Shot {
  readonly id: string;
  readonly sender: string;
  readonly recipient: string;
  readonly body: string;
}

/** A participant the bench acts for. */
export interface Actor {
  readonly oin: string;
  readonly factory: MessageFactory;
  readonly signer: Signer;
}

/** The bench's participants and the case their messages are about. */
export interface Cast {
  readonly organisations: readonly Actor[];
  readonly creditors: readonly (Actor & { readonly creditor: CaseCreditor })[];
  readonly debtCase: DebtCase;
}

/** The bench's own debt-help organisations: `00000003 9999 <n> 0000`. */
function organisationOin(n: number): string {
  return `000000039999${String(n).padStart(4, '0')}0000`;
}

/** The bench's own creditors (`ownCreditors`): `00000003 9998 <n> 0000`. */
export function benchCreditorOin(n: number): string {
  return `000000039998${String(n).padStart(4, '0')}0000`;
}

/** How the cast is onboarded. */
export interface CastOptions {
  /** The organisations' (and own creditors') transport preference. @defaultValue 'rest' */
  readonly transport?: 'rest' | 'amqp';
  /**
   * Onboard creditors of the bench's own (`benchCreditorOin`, not public bodies, so the
   * saldoverzoeken carry no BSN) for the case's 14 instead of the development network's —
   * whose broker users tests use: an AMQP run then never touches them. @defaultValue false
   */
  readonly ownCreditors?: boolean;
}

function expectStatus(what: string, status: number, body: string, ...ok: number[]): void {
  if (!ok.includes(status)) throw new Error(`${what}: HTTP ${status} ${body.slice(0, 500)}`);
}

/**
 * Onboards `count` debt-help organisations through the operator API (a certificate of the
 * development CA each) and makes the cast over them and the demo's creditors.
 */
export async function onboardCast(
  client: WireClient,
  dataDir: string,
  count: number,
  options: CastOptions = {},
): Promise<Cast> {
  const { transport = 'rest', ownCreditors = false } = options;
  const pkiDir = join(dataDir, 'pki');
  const password = readFileSync(join(pkiDir, 'operators', 'beheerder.password'), 'utf8').trim();
  const login = await client.send(
    'POST',
    '/v1/operator/session',
    {},
    JSON.stringify({ name: 'beheerder', password }),
  );
  expectStatus('operator sign-in', login.status, login.body, 201);
  const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = JSON.parse(login.body) as { csrfToken: string };
  const schemas: SchemaRegistry = createSchemaRegistry();
  const actor = (oin: string): Actor => {
    const signer = devSignerFor(pkiDir, oin);
    return { oin, signer, factory: new MessageFactory({ oin, signer, schemas }) };
  };
  const onboard = async (oin: string, name: string, kind: string): Promise<Actor> => {
    const { certPath } = pkiIssue(pkiDir, { oin, name, keyAlgorithm: 'p256' });
    const added = await client.send(
      'POST',
      '/v1/operator/participants',
      { cookie, 'x-csrf-token': csrfToken },
      JSON.stringify({
        oin,
        name,
        kind,
        transport,
        certificatePem: readFileSync(certPath, 'utf8'),
      }),
    );
    expectStatus(`onboarding ${oin}`, added.status, added.body, 200, 201);
    return actor(oin);
  };
  const organisations: Actor[] = [];
  for (let n = 1; n <= count; n += 1) {
    organisations.push(
      await onboard(organisationOin(n), `Schuldhulp Bench ${n}`, 'schuldhulpverlener-fase-2'),
    );
  }
  const devCase = createDebtCase();
  const debtCase: DebtCase = ownCreditors
    ? {
        ...devCase,
        creditors: devCase.creditors.map((creditor, i) => ({
          ...creditor,
          oin: benchCreditorOin(i + 1),
          publicBody: false,
        })),
      }
    : devCase;
  const creditors: Cast['creditors'][number][] = [];
  for (const [i, creditor] of debtCase.creditors.entries()) {
    const known = ownCreditors
      ? await onboard(creditor.oin, `Schuldeiser Bench ${i + 1}`, 'schuldeiser')
      : actor(creditor.oin);
    creditors.push({ ...known, creditor });
  }
  return { organisations, creditors, debtCase };
}

/** Bearer tokens for every actor, by OIN (`baseUrl`: the hub's public URL, the audience). */
export async function tokensFor(
  client: WireClient,
  baseUrl: string,
  actors: readonly Actor[],
): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const { oin, signer } of actors) {
    const assertion = createClientAssertion({ signer, oin, baseUrl });
    const body = JSON.stringify(Object.fromEntries(tokenRequestBody(assertion)));
    const response = await client.send('POST', '/v1/token', {}, body);
    expectStatus(`token for ${oin}`, response.status, response.body, 200);
    tokens.set(oin, (JSON.parse(response.body) as { access_token: string }).access_token);
  }
  return tokens;
}

/** A balance answer with `lines` claim lines (1–20), each like the demo's one. */
export function balanceAnswer(
  debtCase: DebtCase,
  creditor: CaseCreditor,
  lines: number,
): Record<string, unknown> {
  const answer = saldoverzoekAntwoord(debtCase, creditor);
  const [line] = answer['vorderingen'] as Record<string, unknown>[];
  const vorderingen = Array.from({ length: lines }, (_, i) => ({
    ...line,
    factuurnummer: `${creditor.factuurnummer}-${i + 1}`,
  }));
  return { ...answer, vorderingen };
}

/**
 * `pairs` conversations, signed now: pair i is a saldoverzoek from organisation i mod n to
 * creditor i mod 14 and the creditor's answer with 1 + (7i mod 20) claim lines.
 */
export function conversations(cast: Cast, pairs: number, offset = 0): [Shot, Shot][] {
  const { organisations, creditors, debtCase } = cast;
  return Array.from({ length: pairs }, (_, k) => {
    const i = k + offset;
    const organisation = organisations[i % organisations.length] as Actor;
    const creditor = creditors[i % creditors.length] as Cast['creditors'][number];
    const request = organisation.factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: creditor.oin,
      payload: saldoverzoek(debtCase, creditor.creditor) as never,
    });
    const answer = creditor.factory.create({
      type: 'saldoverzoek-antwoord',
      module: 'schuldinventarisatie',
      recipient: organisation.oin,
      conversationId: request.envelope.conversationId,
      inReplyTo: request.envelope.messageId,
      payload: balanceAnswer(debtCase, creditor.creditor, 1 + ((7 * i) % 20)) as never,
    });
    return [request, answer].map((message) => ({
      id: message.envelope.messageId,
      sender: message.envelope.sender,
      recipient: message.envelope.recipient,
      body: JSON.stringify(message),
    })) as [Shot, Shot];
  });
}
