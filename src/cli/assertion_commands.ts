/**
 * `knooppunt assertion|token --as <participant>`: log in as a development participant. The
 * assertion is a client assertion JWT signed with the participant's development key from
 * `<dataDir>/pki/participants/<oin>/`; `token` posts it to a running hub's `/v1/token` and
 * prints the access token alone, so `TOKEN=$(npx knooppunt token --as gemeente)` works.
 */
import type { Command } from 'commander';
import { createClientAssertion, tokenEndpoint, tokenRequestBody } from '@knooppunt/sdk';
import {
  AuthorisationError,
  isErrorCode,
  KnooppuntError,
  parseStrictJson,
  TransportError,
  UsageError,
} from '@knooppunt/standard';
import type { CliContext } from './context.ts';
import { configOf } from './context.ts';
import { devSigner } from './participant_ref.ts';

/** The answer of `POST /v1/token`. */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
}

/** Registers `assertion` and `token`. */
export function registerAssertionCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const assertionFor = (ref: string, url: string | undefined): string => {
    const config = configOf(cli);
    const { oin, signer } = devSigner(config, ref);
    return createClientAssertion({ signer, oin, baseUrl: url ?? config.publicUrl });
  };

  program
    .command('assertion')
    .description('print a client assertion (JWT) for a development participant, for POST /v1/token')
    .requiredOption('--as <participant>', 'a development handle (gemeente, energie, …) or OIN')
    .option('--url <url>', "the hub's base URL, the assertion's audience (default: its public URL)")
    .action(
      run((options: { as: string; url?: string }) => {
        io.out(assertionFor(options.as, options.url));
      }),
    );

  program
    .command('token')
    .description('get a bearer token from a running hub for a development participant')
    .requiredOption('--as <participant>', 'a development handle (gemeente, energie, …) or OIN')
    .option('--url <url>', "the hub's base URL (default: its public URL)")
    .option('--json', 'print the whole token response')
    .action(
      run(async (options: { as: string; url?: string; json?: boolean }) => {
        const url = options.url ?? configOf(cli).publicUrl;
        const token = await requestToken(cli.fetch, url, assertionFor(options.as, url));
        io.out(options.json === true ? JSON.stringify(token) : token.access_token);
      }),
    );
}

/** Posts an assertion to `<url>/v1/token`; the hub's refusal keeps its error code. */
export async function requestToken(
  fetchFn: typeof fetch,
  url: string,
  assertion: string,
): Promise<TokenResponse> {
  let response: Response;
  try {
    response = await fetchFn(tokenEndpoint(url), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: tokenRequestBody(assertion),
    });
  } catch (error) {
    const reason = ((error as Error).cause as Error | undefined)?.message ?? String(error);
    throw new UsageError(
      'USAGE_INVALID',
      `no hub answers at ${url} (${reason}); start one with npm start, or pass --url`,
      { cause: error },
    );
  }
  const text = await response.text();
  const body = parseJson(text) as Record<string, unknown> | undefined;
  if (!response.ok) throw refusal(response.status, body, text);
  if (typeof body?.['access_token'] !== 'string') {
    throw new TransportError('INTERNAL', `the hub answered ${response.status} without a token`);
  }
  return body as unknown as TokenResponse;
}

/**
 * The error for a refused token request: the problem details' `code` when the hub sent one
 * (RFC 9457), else ASSERTION_INVALID for 400/401 (RFC 6749 §5.2 `invalid_client`, …).
 */
function refusal(
  status: number,
  body: Record<string, unknown> | undefined,
  text: string,
): KnooppuntError {
  const code = body?.['code'];
  const detail = [body?.['detail'], body?.['title'], body?.['error_description'], body?.['error']]
    .filter((part): part is string => typeof part === 'string')
    .join(': ');
  const message = `the hub refused the token request (HTTP ${status}): ${detail || text.replace(/\s+/g, ' ').slice(0, 200)}`;
  if (isErrorCode(code)) return new KnooppuntError(code, message);
  return status === 400 || status === 401
    ? new AuthorisationError('ASSERTION_INVALID', message)
    : new TransportError('INTERNAL', message);
}

function parseJson(text: string): unknown {
  try {
    return parseStrictJson(text);
  } catch {
    return undefined;
  }
}
