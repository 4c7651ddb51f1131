/**
 * The portal API for sending (routes/portal_send.ts): the participant and the hub's clock,
 * the directory, the browser keys, and the outbox that takes a message signed here. A refused
 * message comes back with the hub's reasons, its schema violations (to show at the fields)
 * and its signed rejection receipt.
 */
import { ApiError, request, seg } from '../../../shared/api.ts';
import type { PublicKeyJwk, SignedMessage } from './signing.ts';

const PORTAL = '/v1/portal';

/** `GET /v1/portal/participant`. */
export interface PortalParticipant {
  /** The hub's clock when it answered. */
  readonly now: string;
  readonly oin: string;
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly modules: readonly string[];
}

/** One entry of the participant directory. */
export interface DirectoryEntry {
  readonly oin: string;
  readonly name: string;
  readonly kind: string;
  readonly modules: readonly string[];
  readonly publicBody: boolean;
  readonly transport: string;
  /** The versions of the standard it takes delivery of. */
  readonly acceptedVersions: readonly string[];
}

/** A browser key as the hub lists it. */
export interface PortalKey {
  readonly user: string;
  readonly id: string;
  readonly label: string;
  readonly publicKey: PublicKeyJwk;
  readonly status: 'pending' | 'active' | 'revoked';
  readonly requestedAt: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
  readonly thumbprint?: string;
  readonly revokedAt?: string;
}

/** The receipt's claims as the hub signed them. */
export interface ReceiptClaims {
  readonly status: 'accepted' | 'rejected';
  readonly messageId?: string;
  readonly sender?: string;
  readonly recipient?: string;
  readonly via?: 'portal';
  readonly portalUser?: string;
  readonly receivedAt: string;
  readonly ledgerPosition: string;
  readonly ledgerHash: string;
  readonly reasons: readonly { readonly code: string; readonly detail: string }[];
}

/** `POST /v1/portal/outbox` → 201. */
export interface Sent {
  readonly messageId: string;
  readonly receivedAt: string;
  readonly ledgerPosition: string;
  readonly receipt: string;
  readonly claims: ReceiptClaims;
}

/** A schema violation the hub found (Ajv's, with the pointer into the message). */
export interface Violation {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A message the hub refused: its problem details and extensions. */
export class Refusal extends ApiError {
  readonly violations: readonly Violation[];
  readonly receipt: string | undefined;

  constructor(
    status: number,
    code: string,
    detail: string,
    violations: readonly Violation[],
    receipt: string | undefined,
  ) {
    super(status, code, detail);
    this.name = 'Refusal';
    this.violations = violations;
    this.receipt = receipt;
  }
}

export function getParticipant(): Promise<PortalParticipant> {
  return request<PortalParticipant>(`${PORTAL}/participant`);
}

export async function getDirectory(): Promise<readonly DirectoryEntry[]> {
  return (await request<{ items: readonly DirectoryEntry[] }>(`${PORTAL}/directory`)).items;
}

export async function getKeys(): Promise<readonly PortalKey[]> {
  return (await request<{ items: readonly PortalKey[] }>(`${PORTAL}/keys`)).items;
}

export function requestKey(body: unknown, csrfToken: string): Promise<PortalKey> {
  return request<PortalKey>(`${PORTAL}/keys`, { method: 'POST', body, csrfToken });
}

export function approveKey(user: string, id: string, csrfToken: string): Promise<PortalKey> {
  return request<PortalKey>(`${PORTAL}/keys/${seg(user)}/${seg(id)}/approve`, {
    method: 'POST',
    csrfToken,
  });
}

export function revokeKey(user: string, id: string, csrfToken: string): Promise<PortalKey> {
  return request<PortalKey>(`${PORTAL}/keys/${seg(user)}/${seg(id)}`, {
    method: 'DELETE',
    csrfToken,
  });
}

/** Submits a signed message; throws `Refusal` with the hub's violations when refused. */
export async function submitSigned(message: SignedMessage, csrfToken: string): Promise<Sent> {
  const response = await fetch(`${PORTAL}/outbox`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'X-CSRF-Token': csrfToken,
    },
    body: JSON.stringify(message),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return body as unknown as Sent;
  throw new Refusal(
    response.status,
    typeof body['code'] === 'string' ? body['code'] : `HTTP_${response.status}`,
    typeof body['detail'] === 'string'
      ? body['detail']
      : `Er ging iets mis (HTTP-status ${response.status}).`,
    Array.isArray(body['violations']) ? (body['violations'] as Violation[]) : [],
    typeof body['receipt'] === 'string' ? body['receipt'] : undefined,
  );
}

/** The claims of a receipt (a compact JWS), read without checking: for showing only. */
export function receiptClaims(receipt: string): ReceiptClaims | undefined {
  const part = receipt.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const text = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as ReceiptClaims;
  } catch {
    return undefined;
  }
}
