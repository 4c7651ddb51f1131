/**
 * Portal users' signing keys (docs/portal.md): a key is made in the user's browser (WebCrypto
 * ECDSA P-256, not extractable) and only its public half comes here, with a proof that the
 * browser holds the private half. A `beheerder` approves it — at once when it is their own —
 * and the hub certifies it from its portal CA and registers the certificate with the
 * participant, so envelopes the browser signs pass the pipeline like any other. Revoking a key
 * revokes its certificate.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { AuthorisationError, UsageError } from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import type { PortalUserStore } from './store.ts';
import type { PortalKey, PortalSession, PortalUser, PublicKeyJwk } from './types.ts';

/** Certifies and registers browser keys: the hub's portal CA and participant registry. */
export interface KeyCertifier {
  /**
   * Issues a certificate for `publicKey` in the participant's name and registers it with the
   * participant; throws PORTAL_CA_UNAVAILABLE when the hub has no portal CA.
   */
  certify(
    participant: string,
    publicKey: PublicKeyJwk,
    actor: string,
  ): Promise<{ certificatePem: string; thumbprint: string }>;
  /** Revokes a registered certificate of the participant. */
  revoke(participant: string, thumbprint: string, actor: string): Promise<void>;
}

/** A key with the user it belongs to, as listed. */
export interface PortalKeyView extends Omit<PortalKey, 'certificatePem'> {
  readonly user: string;
}

export interface PortalKeysOptions {
  readonly store: PortalUserStore;
  readonly clock: Clock;
  readonly certifier: KeyCertifier;
}

/** What the browser signs to prove it holds the key: the user and the key's thumbprint. */
export function enrolmentProofText(user: string, keyId: string): string {
  return `knooppunt-portal-key:${user}:${keyId}`;
}

/** The RFC 7638 thumbprint of a P-256 JWK: SHA-256 of its required members, base64url. */
export function jwkThumbprint(jwk: PublicKeyJwk): string {
  const members = `{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`;
  return createHash('sha256').update(members, 'utf8').digest('base64url');
}

const LABEL = /^[\p{L}\p{N} .,'()_-]{1,64}$/u;
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/** The signing keys of a participant's portal users. */
export class PortalKeys {
  readonly #store: PortalUserStore;
  readonly #clock: Clock;
  readonly #certifier: KeyCertifier;

  constructor(options: PortalKeysOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#certifier = options.certifier;
  }

  /**
   * Asks for the browser key `publicKey` to be enrolled for the session's user; `proof` is the
   * key's ES256 signature (raw R‖S, base64url) over `enrolmentProofText`. A `beheerder`'s own
   * key is approved at once; a `medewerker`'s waits for a `beheerder`.
   */
  async request(
    session: PortalSession,
    label: string,
    publicKey: unknown,
    proof: unknown,
  ): Promise<PortalKeyView> {
    if (typeof label !== 'string' || !LABEL.test(label)) {
      throw new UsageError('USAGE_INVALID', 'a device label is 1–64 letters, digits or spaces');
    }
    const jwk = checkedJwk(publicKey);
    const id = jwkThumbprint(jwk);
    if (typeof proof !== 'string' || !proves(jwk, enrolmentProofText(session.user, id), proof)) {
      throw new UsageError(
        'USAGE_INVALID',
        'proof must be the key’s ES256 signature over the enrolment text',
      );
    }
    const user = await this.#user(session.user);
    const existing = (user.keys ?? []).find((key) => key.id === id);
    if (existing !== undefined) return viewOf(user.name, existing);
    const key: PortalKey = {
      id,
      label,
      publicKey: jwk,
      status: 'pending',
      requestedAt: this.#clock.now().toISOString(),
    };
    await this.#saveKey(user, key, session.user, 'key-requested');
    if (session.role === 'beheerder') return this.approve(session, user.name, id);
    return viewOf(user.name, key);
  }

  /** The keys the session may see: every user's of the participant for a `beheerder`, else its own. */
  async list(session: PortalSession): Promise<PortalKeyView[]> {
    const users =
      session.role === 'beheerder'
        ? await this.#store.listPortalUsers(session.participant)
        : [await this.#user(session.user)];
    return users.flatMap((user) => (user.keys ?? []).map((key) => viewOf(user.name, key)));
  }

  /** A `beheerder` approves a pending key of a user of its participant: certified, registered. */
  async approve(session: PortalSession, userName: string, id: string): Promise<PortalKeyView> {
    if (session.role !== 'beheerder') {
      throw new AuthorisationError('FORBIDDEN', 'only a beheerder approves keys');
    }
    const { user, key } = await this.#keyOf(session, userName, id);
    if (key.status !== 'pending') {
      throw new UsageError('USAGE_INVALID', `the key is ${key.status}, not pending`);
    }
    const { certificatePem, thumbprint } = await this.#certifier.certify(
      session.participant,
      key.publicKey,
      `portal:${session.user}`,
    );
    const approved: PortalKey = {
      ...key,
      status: 'active',
      approvedBy: session.user,
      approvedAt: this.#clock.now().toISOString(),
      thumbprint,
      certificatePem,
    };
    await this.#saveKey(user, approved, session.user, 'key-approved');
    return viewOf(user.name, approved);
  }

  /** Revokes a key (and its certificate): a `beheerder` any of its participant's, a user its own. */
  async revoke(session: PortalSession, userName: string, id: string): Promise<PortalKeyView> {
    const { user, key } = await this.#keyOf(session, userName, id);
    if (key.status === 'revoked') return viewOf(user.name, key);
    if (key.thumbprint !== undefined) {
      await this.#certifier.revoke(session.participant, key.thumbprint, `portal:${session.user}`);
    }
    const revoked: PortalKey = {
      ...key,
      status: 'revoked',
      revokedAt: this.#clock.now().toISOString(),
    };
    await this.#saveKey(user, revoked, session.user, 'key-revoked');
    return viewOf(user.name, revoked);
  }

  /**
   * Throws PORTAL_KEY_NOT_ACTIVE unless `thumbprint` names an approved, unrevoked key of the
   * session's user: a portal message is signed by the user who sends it.
   */
  async requireActive(session: PortalSession, thumbprint: string): Promise<void> {
    const user = await this.#store.getPortalUser(session.user);
    const key = user?.keys?.find((candidate) => candidate.thumbprint === thumbprint);
    if (user?.participant !== session.participant || key?.status !== 'active') {
      throw new AuthorisationError(
        'PORTAL_KEY_NOT_ACTIVE',
        'sign with an approved key of this browser (Apparaten)',
      );
    }
  }

  async #user(name: string): Promise<PortalUser> {
    const user = await this.#store.getPortalUser(name);
    if (user === undefined) throw new AuthorisationError('SESSION_INVALID', 'log in again');
    return user;
  }

  /** The user's key, when the session may act on it; 404 as for none otherwise. */
  async #keyOf(
    session: PortalSession,
    userName: string,
    id: string,
  ): Promise<{ user: PortalUser; key: PortalKey }> {
    const user = await this.#store.getPortalUser(userName);
    const mayAct =
      user?.participant === session.participant &&
      (session.role === 'beheerder' || user.name === session.user);
    const key = mayAct ? user?.keys?.find((candidate) => candidate.id === id) : undefined;
    if (user === undefined || key === undefined) {
      throw new AuthorisationError('PORTAL_KEY_NOT_FOUND', `no key ${id} of user ${userName}`);
    }
    return { user, key };
  }

  async #saveKey(user: PortalUser, key: PortalKey, actor: string, change: string): Promise<void> {
    // Read again just before writing, so a login's state written meanwhile is kept.
    const current = (await this.#store.getPortalUser(user.name)) ?? user;
    const others = (current.keys ?? []).filter((candidate) => candidate.id !== key.id);
    const at = this.#clock.now().toISOString();
    await this.#store.putPortalUser({ ...current, keys: [...others, key], updatedAt: at });
    await this.#store.appendEvent({
      subject: `portal-user:${user.name}`,
      type: 'portal-user-changed',
      at,
      actor: `portal:${actor}`,
      data: {
        change,
        participant: user.participant,
        key: key.id,
        ...(key.thumbprint === undefined ? {} : { thumbprint: key.thumbprint }),
      },
    });
  }
}

function viewOf(user: string, key: PortalKey): PortalKeyView {
  const { certificatePem: _pem, ...rest } = key;
  return { user, ...rest };
}

function checkedJwk(value: unknown): PublicKeyJwk {
  const jwk = value as Partial<Record<string, unknown>> | null;
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    jwk['kty'] !== 'EC' ||
    jwk['crv'] !== 'P-256' ||
    typeof jwk['x'] !== 'string' ||
    typeof jwk['y'] !== 'string' ||
    !COORDINATE.test(jwk['x']) ||
    !COORDINATE.test(jwk['y']) ||
    'd' in jwk
  ) {
    throw new UsageError('USAGE_INVALID', 'publicKey must be a public P-256 JWK (kty EC)');
  }
  const key: PublicKeyJwk = { kty: 'EC', crv: 'P-256', x: jwk['x'], y: jwk['y'] };
  try {
    createPublicKey({ key: { ...key }, format: 'jwk' });
  } catch {
    throw new UsageError('USAGE_INVALID', 'publicKey is not a point on P-256');
  }
  return key;
}

/** Whether `signature` (ES256, raw R‖S, base64url) over `text` verifies with `jwk`. */
function proves(jwk: PublicKeyJwk, text: string, signature: string): boolean {
  const key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
  return verify(
    'sha256',
    Buffer.from(text, 'utf8'),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
}
