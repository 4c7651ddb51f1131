/**
 * The browser's half of portal signing (docs/portal.md): a P-256 key made with WebCrypto and
 * never extractable, kept in IndexedDB under the user's name, enrolled at the hub with a proof
 * that this browser holds it; and envelopes signed with it as the compact JWS every Knooppunt
 * message carries (ES256: WebCrypto's ECDSA signature is already the raw R‖S form JWS wants).
 * The payload digest is computed here, over the RFC 8785 form, so the browser signs only what
 * it computed itself.
 */
import canonicalize from 'canonicalize';

const DATABASE = 'knooppunt-portaal';
const STORE = 'sleutels';
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** The public half of a key as the hub takes it. */
export interface PublicKeyJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/** A browser key: the pair (the private half unreadable) and its JWK thumbprint. */
export interface BrowserKey {
  readonly pair: CryptoKeyPair;
  readonly publicKey: PublicKeyJwk;
  readonly id: string;
}

/** The envelope fields a message carries (the claims of its signature). */
export interface EnvelopeFields {
  readonly messageId: string;
  readonly conversationId: string;
  readonly inReplyTo?: string;
  readonly module: string;
  readonly messageType: string;
  readonly version: string;
  readonly sender: string;
  readonly recipient: string;
  readonly createdAt: string;
}

export interface SignedMessage {
  readonly envelope: EnvelopeFields & { readonly payloadDigest: string };
  readonly payload: Record<string, unknown>;
  readonly signature: string;
}

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of view) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

async function sha256(text: string): Promise<string> {
  return base64url(await crypto.subtle.digest('SHA-256', utf8(text)));
}

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function stored<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await database();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB refused'));
    });
  } finally {
    db.close();
  }
}

async function describe(pair: CryptoKeyPair): Promise<BrowserKey> {
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicKey: PublicKeyJwk = { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
  return { pair, publicKey, id: await jwkThumbprint(publicKey) };
}

/** RFC 7638: SHA-256 over the required members in lexicographic order. */
export function jwkThumbprint(jwk: PublicKeyJwk): Promise<string> {
  return sha256(`{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`);
}

/** This browser's key of `user` (`participant/name`), if it has one. */
export async function browserKeyOf(user: string): Promise<BrowserKey | undefined> {
  const pair = await stored<CryptoKeyPair | undefined>('readonly', (store) => store.get(user));
  return pair === undefined ? undefined : describe(pair);
}

/** Makes and keeps a new key for `user`; the private half can sign but never be read. */
export async function makeBrowserKey(user: string): Promise<BrowserKey> {
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  await stored('readwrite', (store) => store.put(pair, user));
  return describe(pair);
}

/** Forgets this browser's key of `user` (after it was revoked). */
export async function forgetBrowserKey(user: string): Promise<void> {
  await stored('readwrite', (store) => store.delete(user));
}

async function signText(key: CryptoKey, text: string): Promise<string> {
  return base64url(await crypto.subtle.sign(SIGN, key, utf8(text)));
}

/** The enrolment request: the public key and the proof that this browser holds the private one. */
export async function enrolmentRequest(
  userName: string,
  label: string,
  key: BrowserKey,
): Promise<{ label: string; publicKey: PublicKeyJwk; proof: string }> {
  const proof = await signText(key.pair.privateKey, `knooppunt-portal-key:${userName}:${key.id}`);
  return { label, publicKey: key.publicKey, proof };
}

/** SHA-256 of the RFC 8785 form of the payload, base64url: the envelope's `payloadDigest`. */
export function payloadDigest(payload: unknown): Promise<string> {
  const text = canonicalize(payload);
  if (text === undefined) throw new Error('the payload has no JSON form');
  return sha256(text);
}

/** Signs `payload` under `fields` with the key whose certificate is `thumbprint`. */
export async function signMessage(
  fields: EnvelopeFields,
  payload: Record<string, unknown>,
  key: BrowserKey,
  thumbprint: string,
): Promise<SignedMessage> {
  const envelope = { ...fields, payloadDigest: await payloadDigest(payload) };
  const header = { alg: 'ES256', typ: 'knooppunt-envelope+jwt', 'x5t#S256': thumbprint };
  const input = `${base64url(utf8(JSON.stringify(header)))}.${base64url(utf8(JSON.stringify(envelope)))}`;
  const signature = `${input}.${await signText(key.pair.privateKey, input)}`;
  return { envelope, payload, signature };
}
