/**
 * Operators' sessions over HTTP: a login sets an HttpOnly, SameSite=Strict cookie (Secure with
 * the __Host- prefix outside a development hub), answers the CSRF token and never the password;
 * a state-changing request without the token is refused; logout ends the session everywhere;
 * a wrong password and a wrong name answer alike; too many logins from one address are
 * throttled; a participant's bearer token opens no operator route.
 */
import { expect } from 'chai';
import { startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

/** The Set-Cookie's name=value and its attributes. */
function parseSetCookie(header: string | null): { pair: string; attributes: string[] } {
  const [pair, ...attributes] = (header ?? '').split(';').map((part) => part.trim());
  return { pair: pair ?? '', attributes };
}

describe('operators: sessions over HTTP', function () {
  this.timeout(60_000);
  let testHub: TestHub;
  let password: string;

  before(async () => {
    testHub = await startTestHub();
    ({ password } = await testHub.hub.operators.accounts.add('anna.jansen', 'admin', 'test'));
  });
  after(async () => testHub?.stop());

  /**
   * A request to the hub whose answer is checked against the served OpenAPI document; the
   * answer's body can still be read (`json()`).
   */
  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${testHub.baseUrl}${path}`, init);
    const text = await response.text();
    testHub.openapi.check({
      method: init.method ?? 'GET',
      path,
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      text,
    });
    return new Response(text === '' ? null : text, {
      status: response.status,
      headers: response.headers,
    });
  }

  const login = (name: string, secret: string) =>
    call('/v1/operator/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password: secret }),
    });

  it('logs in with a session cookie a script cannot read and no other site sends, and logs out', async () => {
    const response = await login('anna.jansen', password);
    expect(response.status).to.equal(201);
    const { pair, attributes } = parseSetCookie(response.headers.get('set-cookie'));
    // A development hub on plain HTTP: not Secure (KNOOPPUNT_SECURE_COOKIES), no __Host- prefix.
    expect(pair).to.match(/^knooppunt-session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).to.include.members(['Path=/', 'HttpOnly', 'SameSite=Strict']);
    expect(attributes.some((a) => /^Max-Age=\d+$/.test(a))).to.equal(true);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    const session = (await response.json()) as Record<string, string>;
    expect(session).to.include({ name: 'anna.jansen', role: 'admin' });
    expect(session['csrfToken']).to.match(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(session)).to.not.include(password);

    const cookie = pair;
    const shown = await call('/v1/operator/session', { headers: { cookie } });
    expect(shown.status).to.equal(200);
    expect(await shown.json()).to.deep.equal(session);

    const noCsrf = await call('/v1/operator/session', {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(noCsrf.status).to.equal(403);
    expect(((await noCsrf.json()) as { code: string }).code).to.equal('CSRF_INVALID');
    const out = await call('/v1/operator/session', {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': session['csrfToken'] as string },
    });
    expect(out.status).to.equal(204);
    expect(parseSetCookie(out.headers.get('set-cookie')).attributes).to.include('Max-Age=0');
    const after = await call('/v1/operator/session', { headers: { cookie } });
    expect(after.status).to.equal(401);
    expect(((await after.json()) as { code: string }).code).to.equal('SESSION_INVALID');
  });

  it('answers a wrong password and an unknown name alike, and opens nothing to a participant', async () => {
    for (const [name, secret] of [
      ['anna.jansen', 'niet-het-goede-wachtwoord'],
      ['niemand', password],
    ] as const) {
      const response = await login(name, secret);
      expect(response.status).to.equal(401);
      expect(response.headers.get('set-cookie')).to.equal(null);
      expect(((await response.json()) as { code: string }).code).to.equal('LOGIN_FAILED');
    }
    const token = await testHub.client('gemeente').token();
    const participant = await call('/v1/operator/session', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(participant.status).to.equal(401);
  });

  it('throttles logins from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i += 1) statuses.push((await login('niemand', 'x'.repeat(12))).status);
    expect(statuses.filter((status) => status === 429).length).to.be.greaterThan(0);
    const throttled = await login('anna.jansen', password);
    expect(throttled.status).to.equal(429);
    expect(((await throttled.json()) as { code: string }).code).to.equal('LOGIN_THROTTLED');
  });

  it('sets a Secure __Host- cookie on a hub that is not a development one on plain HTTP', async () => {
    const secure = await startTestHub({ env: { KNOOPPUNT_SECURE_COOKIES: 'true' } });
    try {
      const { password: secret } = await secure.hub.operators.accounts.add(
        'bart',
        'viewer',
        'test',
      );
      const response = await fetch(`${secure.baseUrl}/v1/operator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bart', password: secret }),
      });
      expect(response.status).to.equal(201);
      const { pair, attributes } = parseSetCookie(response.headers.get('set-cookie'));
      expect(pair).to.match(/^__Host-knooppunt-session=/);
      expect(attributes).to.include('Secure');
    } finally {
      await secure.stop();
    }
  });
});
