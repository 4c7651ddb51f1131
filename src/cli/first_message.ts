/**
 * The "send a first message" walk-through: the shell commands that log in as the development
 * municipality, sign and submit a saldoverzoek to the development energy company, check the
 * hub's receipt, and then fetch and acknowledge the message as the energy company. One pure
 * function renders them, so `knooppunt start` prints them with the real paths and the README
 * shows the same commands for the defaults (a test keeps the two in step).
 */
import { relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devParticipant } from '../devnet/dev_network.ts';

/** The development participants of the walk-through. */
export const FIRST_MESSAGE_SENDER = 'gemeente';
export const FIRST_MESSAGE_RECIPIENT = 'energie';

/** The default base URL (`PORT` 8080 on `127.0.0.1`): no `--url` is needed. */
export const DEFAULT_HUB_URL = 'http://127.0.0.1:8080';

/** The unsigned example message of the walk-through, in the repository. */
export const FIRST_MESSAGE_EXAMPLE = fileURLToPath(
  new URL('../../examples/first-message.json', import.meta.url),
);

/** Where things are, as the reader will type them. */
export interface FirstMessageSetting {
  /** The hub's base URL. */
  readonly url: string;
  /** The development PKI folder (`data/pki` from the repository). */
  readonly pkiDir: string;
  /** The hub certificate receipts are verified with. */
  readonly hubCertPath: string;
  /** The unsigned example message. */
  readonly examplePath: string;
  /** The data folder, when it is not the default `./data`: exported for `knooppunt token`. */
  readonly dataDir?: string;
}

/** One step of the walk-through: who acts, and the shell commands (one string per line). */
export interface FirstMessageStep {
  readonly title: string;
  readonly commands: readonly string[];
}

/**
 * The walk-through in two steps, sender then recipient. Commands carry no `#` comments, so
 * they paste into zsh (no interactive comments by default) as well as into bash.
 */
export function firstMessageSteps(setting: FirstMessageSetting): FirstMessageStep[] {
  const { url, pkiDir, hubCertPath, examplePath } = setting;
  const sender = devParticipant(FIRST_MESSAGE_SENDER)?.oin ?? '';
  const folder = `${pkiDir}/participants/${sender}`;
  const urlOption = url === DEFAULT_HUB_URL ? '' : ` --url ${url}`;
  const auth = '-H "Authorization: Bearer $TOKEN"';
  return [
    {
      title:
        'The municipality (gemeente) logs in, signs a saldoverzoek to the energy company and sends it; the hub answers with a signed receipt:',
      commands: [
        ...(setting.dataDir === undefined ? [] : [`export KNOOPPUNT_DATA_DIR=${setting.dataDir}`]),
        `TOKEN=$(npx knooppunt token --as ${FIRST_MESSAGE_SENDER}${urlOption})`,
        `npx knooppunt envelope sign --key ${folder}/key.pem \\`,
        `  --cert ${folder}/cert.pem ${examplePath} > signed.json`,
        `curl -s -w '\\n' ${auth} -H 'Content-Type: application/json' \\`,
        `  --data @signed.json ${url}/v1/messages | tee receipt.json`,
        `npx knooppunt envelope verify --receipt --cert ${hubCertPath} receipt.json`,
      ],
    },
    {
      title:
        'The energy company (energie) logs in, looks in its mailbox, fetches the message and acknowledges it:',
      commands: [
        `TOKEN=$(npx knooppunt token --as ${FIRST_MESSAGE_RECIPIENT}${urlOption})`,
        `curl -s -w '\\n' ${auth} ${url}/v1/mailbox`,
        `ID=$(node -p 'require("./signed.json").envelope.messageId')`,
        `curl -s -w '\\n' ${auth} ${url}/v1/messages/$ID`,
        `curl -s -w '\\n' -X POST ${auth} ${url}/v1/messages/$ID/ack`,
      ],
    },
  ];
}

/** A path as the reader types it: relative to `cwd` when inside it, absolute otherwise. */
export function displayPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}
