/**
 * API fuzzing of the served OpenAPI document (issue 12): schemathesis (PyPI, pinned and
 * installed by scripts/services.sh) reads `/openapi.json` from a hub on the embedded SQLite
 * ledger and sends what it generates from it — valid and invalid parameters and bodies — with
 * valid credentials for every security scheme the document declares: a participant's bearer
 * token (client assertion → POST /v1/token), an operator admin's session cookie and CSRF token,
 * a portal beheerder's session cookie and CSRF token, and the metrics token. Every answer must
 * be a documented status with a documented media type and a body that matches its schema, and
 * none a 5xx. So that the routes that name a resource reach their logic, a conversation is
 * seeded first (a saldoverzoek from the gemeente to the energy company and its answer), and
 * half of the generated path parameters are drawn from what exists: those messages and that
 * conversation, a certificate, a schema, a spare creditor to suspend and activate, the portal
 * user.
 *
 * Not fuzzed with valid credentials: the two logouts (DELETE /v1/operator/session and
 * /v1/portal/session), which would end the sessions the other operations run with; mutual TLS
 * (the hub here serves plain HTTP; bearer tokens cover the same routes).
 *
 * Bounded: at most KNOOPPUNT_FUZZ_EXAMPLES cases per operation and phase (default 25) and
 * KNOOPPUNT_FUZZ_SECONDS in all (default 180); KNOOPPUNT_FUZZ_SEED picks the seed (default a
 * fixed one, so that CI repeats itself). Missing schemathesis fails in CI.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { examplePayload } from '../support/examples.ts';
import { FUZZ_SEED, fuzzSetting } from '../support/fuzz.ts';
import { buildMessage } from '../support/message_builder.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { portalUser } from '../support/portal_client.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';
import { saldoverzoek } from '../integration/rest/rest_world.ts';

/** The checks schemathesis runs on every answer. */
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];

/** Operations left out of the run with valid credentials, and why (see the header). */
const EXCLUDED = ['DELETE /v1/operator/session', 'DELETE /v1/portal/session'];

const METRICS_TOKEN = 'fuzz-metrics-token';

/**
 * schemathesis serialises no PDF body of its own: an attachment upload (PUT
 * /v1/attachments/{sha256}, `application/pdf`) is sent as the bytes it generates, as for
 * `application/octet-stream`.
 */
const HOOKS = `import schemathesis

schemathesis.serializer.alias("application/pdf", "application/octet-stream")
`;

/** `schemathesis`: $KNOOPPUNT_SCHEMATHESIS, else the link scripts/services.sh makes. */
function schemathesisBinary(): string {
  const cache = process.env['KNOOPPUNT_CACHE_DIR'] ?? join(homedir(), '.cache', 'knooppunt');
  return process.env['KNOOPPUNT_SCHEMATHESIS'] ?? join(cache, 'bin', 'schemathesis');
}

/** The credentials of every security scheme, as schemathesis reads them from its environment. */
async function credentials(testHub: TestHub): Promise<Record<string, string>> {
  const bearer = await testHub.client('gemeente').token();
  const accounts = testHub.hub.operators.accounts;
  const { password } = await accounts.add('fuzz.admin', 'admin', 'test');
  const login = await fetch(`${testHub.baseUrl}/v1/operator/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'fuzz.admin', password }),
  });
  expect(login.status).to.equal(201);
  const operatorCookie = cookieValue(login.headers.get('set-cookie'));
  const operatorCsrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const portal = await portalUser(testHub, 'gemeente', 'fuzz.beheerder', 'beheerder');
  return {
    FUZZ_BEARER: bearer,
    FUZZ_OPERATOR_SESSION: operatorCookie,
    FUZZ_OPERATOR_CSRF: operatorCsrf,
    FUZZ_PORTAL_SESSION: cookieValue(portal.cookie),
    FUZZ_PORTAL_CSRF: portal.csrf,
    FUZZ_METRICS_TOKEN: METRICS_TOKEN,
  };
}

/** Values that exist in the hub, by path parameter, for half of the generated requests. */
type Existing = Readonly<Record<string, readonly string[]>>;

/**
 * Seeds a conversation (a saldoverzoek from the gemeente to the energy company, answered) and
 * answers what exists: ids of messages and the conversation, a certificate thumbprint, a
 * schema, a spare creditor (the fuzzer may suspend it), the portal user.
 */
async function seedConversation(testHub: TestHub): Promise<Existing> {
  const request = saldoverzoek(testHub, 'gemeente', 'energie');
  const answer = buildMessage({
    signer: testHub.signer('energie'),
    sender: devOin('energie'),
    recipient: devOin('gemeente'),
    module: 'schuldinventarisatie',
    messageType: 'saldoverzoek-antwoord',
    payload: examplePayload('saldoverzoek-antwoord', 'twee-vorderingen'),
    conversationId: request.envelope.conversationId,
    inReplyTo: request.envelope.messageId,
  });
  expect((await testHub.client('gemeente').submit(request)).status).to.equal(201);
  expect((await testHub.client('energie').submit(answer)).status).to.equal(201);
  return {
    id: [request.envelope.messageId, answer.envelope.messageId, request.envelope.conversationId],
    thumbprint: [testHub.signer('gemeente').thumbprint],
    messageType: ['saldoverzoek'],
    version: ['2.0'],
    oin: [devOin('webwinkel')],
    user: ['fuzz.beheerder'],
  };
}

/** `name=value; Path=…` → `value`. */
function cookieValue(header: string | null): string {
  const pair = (header ?? '').split(';')[0] ?? '';
  return pair.slice(pair.indexOf('=') + 1);
}

/**
 * schemathesis.toml: each security scheme of the document with its credential, the CSRF
 * header of the session routes fixed to the session's token, nothing written outside `dir`.
 */
function configuration(dir: string, existing: Existing): string {
  const dictionaries = Object.entries(existing).map(
    ([name, values]) => `${name} = { values = ${JSON.stringify(values)} }`,
  );
  const bindings = Object.keys(existing).map(
    (name) => `"path.${name}" = { dictionary = "${name}", probability = 0.5 }`,
  );
  return `
[dictionaries]
${dictionaries.join('\n')}

[parameters]
${bindings.join('\n')}

[generation]
database = "none"

[reports]
directory = "${join(dir, 'reports')}"

[auth.openapi.bearer]
bearer = "\${FUZZ_BEARER}"

[auth.openapi.operatorSession]
api_key = "\${FUZZ_OPERATOR_SESSION}"

[auth.openapi.portalSession]
api_key = "\${FUZZ_PORTAL_SESSION}"

[auth.openapi.metricsToken]
bearer = "\${FUZZ_METRICS_TOKEN}"

[[operations]]
include-path-regex = "^/v1/operator/"
parameters = { "X-CSRF-Token" = "\${FUZZ_OPERATOR_CSRF}" }

[[operations]]
include-path-regex = "^/v1/portal/"
parameters = { "X-CSRF-Token" = "\${FUZZ_PORTAL_CSRF}" }
`;
}

/** Runs schemathesis to its end (asynchronously: the hub answers in this process). */
function run(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(schemathesisBinary(), args, {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: '1', COLUMNS: '120' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('close', (status) =>
      resolve({ status, output: Buffer.concat(chunks).toString('utf8') }),
    );
  });
}

describe('the served OpenAPI document under schemathesis, with valid credentials', function () {
  this.timeout(8 * 60_000);
  let testHub: TestHub | undefined;
  let dir: string | undefined;

  after(async () => {
    await testHub?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('answers every generated request with a documented status, media type and body, never a 5xx', async function () {
    requirePrecondition(
      this,
      existsSync(schemathesisBinary()),
      `schemathesis at ${schemathesisBinary()} (scripts/services.sh start installs it)`,
    );
    testHub = await startTestHub({
      env: { KNOOPPUNT_TOKEN_TTL_SECONDS: '3600', KNOOPPUNT_METRICS_TOKEN: METRICS_TOKEN },
    });
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-fuzz-'));
    writeFileSync(
      join(dir, 'schemathesis.toml'),
      configuration(dir, await seedConversation(testHub)),
    );
    writeFileSync(join(dir, 'hooks.py'), HOOKS);
    const seed = FUZZ_SEED;
    const examples = fuzzSetting('KNOOPPUNT_FUZZ_EXAMPLES', 25);
    const seconds = fuzzSetting('KNOOPPUNT_FUZZ_SECONDS', 180);
    const { status, output } = await run(
      [
        '--config-file',
        join(dir, 'schemathesis.toml'),
        'run',
        `${testHub.baseUrl}/openapi.json`,
        '--checks',
        CHECKS.join(','),
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        String(examples),
        '--max-time',
        String(seconds),
        '--seed',
        String(seed),
        '--workers',
        '2',
        '--request-timeout',
        '30',
        ...EXCLUDED.flatMap((operation) => ['--exclude-name', operation]),
      ],
      { ...(await credentials(testHub)), SCHEMATHESIS_HOOKS: join(dir, 'hooks.py') },
      dir,
    );
    console.log(
      `      schemathesis (seed ${seed}, ≤ ${examples} examples per operation, ≤ ${seconds} s); ` +
        `left out: ${EXCLUDED.join(', ')}\n${summaryOf(output)}`,
    );
    expect(status, output.slice(-20_000)).to.equal(0);
  });
});

/**
 * schemathesis's closing report — its warnings (what the run could not reach) and summary —
 * indented for mocha's output.
 */
function summaryOf(output: string): string {
  const at = output.search(/=+ (WARNINGS|SUMMARY) =+/);
  const summary = at < 0 ? output.slice(-3000) : output.slice(at);
  return summary
    .trimEnd()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
