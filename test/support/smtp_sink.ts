/**
 * A local SMTP sink for tests: a real SMTP server (smtp-server) on 127.0.0.1 and a free port
 * that accepts every mail, without TLS or authentication, and keeps what arrived with its
 * envelope, headers and decoded text and HTML parts. Optionally refuses given recipients, as a
 * mail server refuses an unknown address.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it. */
export interface SunkMail {
  readonly from: string;
  readonly to: readonly string[];
  /** Header names in lower case, values unfolded (encoded words left as they are). */
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
  readonly html: string;
  readonly raw: string;
}

/** A running sink. */
export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` */
  readonly url: string;
  /** What arrived, oldest first; `clear()` empties it. */
  readonly mails: SunkMail[];
  clear(): void;
  /** Refuse mail to this address from now on (550 at RCPT TO). */
  refuse(address: string): void;
  stop(): Promise<void>;
}

/** Starts a sink. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) {
        const error = Object.assign(new Error('no such mailbox'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const { mailFrom, rcptTo } = session.envelope;
        mails.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: rcptTo.map((address) => address.address),
          ...parseMail(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    clear: () => mails.splice(0),
    refuse: (address) => refused.add(address),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers and the decoded text and HTML parts of a MIME message (what nodemailer writes). */
function parseMail(raw: string): Pick<SunkMail, 'headers' | 'text' | 'html'> {
  const { headers, body } = splitPart(raw);
  const parts: { type: string; content: string }[] = [];
  const collect = (partHeaders: ReadonlyMap<string, string>, partBody: string): void => {
    const type = partHeaders.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.toLowerCase().startsWith('multipart/') && boundary !== undefined) {
      for (const section of partBody.split(`--${boundary}`).slice(1)) {
        if (section.startsWith('--')) break;
        const part = splitPart(section.replace(/^\r?\n/, ''));
        collect(part.headers, part.body);
      }
      return;
    }
    const encoding = (partHeaders.get('content-transfer-encoding') ?? '7bit').toLowerCase();
    parts.push({ type: type.toLowerCase(), content: decode(partBody, encoding) });
  };
  collect(headers, body);
  const of = (type: string) => parts.find((part) => part.type.startsWith(type))?.content ?? '';
  return { headers, text: of('text/plain'), html: of('text/html') };
}

function splitPart(text: string): { headers: Map<string, string>; body: string } {
  const end = text.search(/\r?\n\r?\n/);
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decode(body: string, encoding: string): string {
  if (encoding === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    // RFC 2045 §6.7: soft line breaks go, =XX is a byte.
    const text = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < text.length; i += 1) {
      const hex = text.slice(i + 1, i + 3);
      if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(text[i] as string, 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
  }
  return body.replace(/\r\n/g, '\n');
}
