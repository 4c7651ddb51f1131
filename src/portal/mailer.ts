/**
 * The portal's outgoing e-mail: one SMTP server from the configuration (`KNOOPPUNT_SMTP_URL`,
 * `smtp://` or `smtps://`, credentials in the URL), one sender address, through nodemailer.
 * Used for the daily digest; a test passes a real local SMTP server's URL.
 */
import { createTransport } from 'nodemailer';

/** One e-mail to one person. */
export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** The `Date` header. @defaultValue the machine's clock */
  readonly date?: Date;
}

/** What sends the portal's e-mail. */
export interface Mailer {
  /** Resolves when the SMTP server accepted the mail; rejects with nodemailer's error (its `code`). */
  send(mail: Mail): Promise<void>;
  /** Closes the connections. */
  close(): void;
}

/** A mailer over the SMTP server at `url`, sending as `from`. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
        ...(mail.date === undefined ? {} : { date: mail.date }),
      });
    },
    close: () => transport.close(),
  };
}

/** The SMTP server's host and port, to log: never the URL's credentials. */
export function smtpServerOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Whether a send failed for this one recipient (the server refused the address), not for the
 * server (unreachable, authentication, timeout): the first is not retried, the second is.
 */
export function refusedRecipient(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'EENVELOPE'
  );
}
