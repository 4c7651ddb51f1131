/**
 * A portal user's browser for API tests: its session cookie and CSRF token, every answer
 * checked against the served OpenAPI document; and a stand-in for the browser's WebCrypto key
 * (a P-256 key made here, enrolled through the same routes, signing the same compact JWS).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ManualClock } from '@knooppunt/standard';
import type { Clock, Signer } from '@knooppunt/standard';
import { enrolmentProofText, jwkThumbprint, totpCode } from '../../src/portal/index.ts';
import type { PortalRole, PublicKeyJwk } from '../../src/portal/index.ts';
import { devOin } from './test_hub.ts';
import type { TestHub } from './test_hub.ts';

/** What a portal client needs of a hub: its base URL and the OpenAPI checker of its answers. */
export type PortalHub = Pick<TestHub, 'baseUrl' | 'openapi'>;

/** A portal user's browser; `H` is a TestHub, or for another hub (the demo's) what it needs. */
export class PortalClient<H extends PortalHub = TestHub> {
  cookie = '';
  csrf = '';
  constructor(readonly testHub: H) {}

  /** Sends `body` as JSON, or `raw` bytes with their media type as they are. */
  async call(
    method: string,
    path: string,
    body?: unknown,
    raw?: { readonly body: Buffer; readonly type: string },
  ): Promise<Response> {
    const type = raw?.type ?? (body === undefined ? undefined : 'application/json');
    const url = new URL(`${this.testHub.baseUrl}${path}`);
    const response = await fetch(url, {
      method,
      headers: {
        ...(this.cookie === '' ? {} : { cookie: this.cookie }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }),
        ...(type === undefined ? {} : { 'content-type': type }),
      },
      ...(raw !== undefined
        ? { body: new Uint8Array(raw.body) }
        : body === undefined
          ? {}
          : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    this.testHub.openapi.check({
      method,
      path: url.pathname, // as it went out, without `.` and `..` segments

      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      text,
    });
    return new Response(text === '' ? null : text, {
      status: response.status,
      headers: response.headers,
    });
  }

  /** `call`, answering the parsed JSON body with the status. */
  async json<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await this.call(method, path, body);
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  async login(name: string, password: string, code: string): Promise<Response> {
    const response = await this.call('POST', '/v1/portal/session', { name, password, code });
    if (response.status === 201) {
      this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      this.csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
    }
    return response;
  }
}

/** Adds a portal user to a development participant and logs it in (code at the hub's clock). */
export async function portalUser(
  testHub: TestHub,
  handle: string,
  name: string,
  role: PortalRole,
  clock: Clock = new ManualClock(new Date()),
): Promise<PortalClient> {
  const enrolment = await testHub.hub.portal.accounts.add(devOin(handle), name, role, 'test');
  const client = new PortalClient(testHub);
  const login = await client.login(
    name,
    enrolment.password,
    totpCode(enrolment.totpSecret, clock.now()),
  );
  if (login.status !== 201)
    throw new Error(`login of ${name}: ${login.status} ${await login.text()}`);
  return client;
}

/** A browser key: what the portal's WebCrypto key does, made with node:crypto. */
export class BrowserKey {
  readonly privateKey: KeyObject;
  readonly publicKey: PublicKeyJwk;
  readonly id: string;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    const jwk = pair.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    this.publicKey = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
    this.id = jwkThumbprint(this.publicKey);
  }

  /** The enrolment request of `user` for this key. */
  request(user: string, label = 'testbrowser'): Record<string, unknown> {
    const proof = sign('sha256', Buffer.from(enrolmentProofText(user, this.id)), {
      key: this.privateKey,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    return { label, publicKey: this.publicKey, proof };
  }

  /** A signer with the certificate the hub issued for this key. */
  async signer(testHub: Pick<TestHub, 'hub'>, thumbprint: string): Promise<Signer> {
    const record = await testHub.hub.registry.byThumbprint(thumbprint);
    if (record === undefined) throw new Error(`no certificate ${thumbprint}`);
    return {
      privateKey: this.privateKey,
      certificate: record.certificate,
      thumbprint,
      algorithm: 'ES256',
    };
  }
}
