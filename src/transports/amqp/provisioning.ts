/**
 * RabbitMQ users and permissions per participant, through the management HTTP API
 * (https://www.rabbitmq.com/docs/management#http-api): user name = OIN, a random password,
 * and the least privilege it needs — configure nothing, write only the inbound exchange,
 * read only its own queue (https://www.rabbitmq.com/docs/access-control#permissions). A
 * suspended participant's user is deleted and its open connections are closed.
 *
 * The password is written once, when the user is created, to
 * `<dataDir>/pki/participants/<oin>/amqp-password` (mode 0600): the development network,
 * tests and the CLI connect with it. An existing user keeps its password (unless the
 * development network lost the file).
 *
 * The same client sets the hub's policies (`putPolicy`; the dead-letter queue's bounds).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARGUMENTS, NAMES, participantQueue, TransportError } from '@knooppunt/standard';
import type { Participant } from '../../participants/types.ts';

/** Where the management API is and which vhost the hub uses. */
export interface ProvisioningOptions {
  /** `http://user:password@host:15672` (credentials of an administrator). */
  readonly managementUrl: string;
  /** @defaultValue `/` */
  readonly vhost: string;
  /** Folder of the development PKI (`<dataDir>/pki`), where passwords are written. */
  readonly pkiDir: string;
  /**
   * Give an existing user a new password when its password file is missing (the development
   * network: a fresh data folder against a broker that knows the users). @defaultValue false
   */
  readonly resetWithoutFile?: boolean;
}

/** The permission regular expressions of a participant (pure). */
export function participantPermissions(oin: string): {
  configure: string;
  write: string;
  read: string;
} {
  return {
    configure: '^$',
    write: `^${escape(NAMES.inboundExchange)}$`,
    read: `^${escape(participantQueue(oin))}$`,
  };
}

/** The file a participant's AMQP password is written to. */
export function passwordPath(pkiDir: string, oin: string): string {
  return join(pkiDir, 'participants', oin, 'amqp-password');
}

/** The vhost named by an AMQP URL's path (`/` when none). */
export function vhostOf(amqpUrl: string): string {
  const path = new URL(amqpUrl).pathname.replace(/^\//, '');
  return path === '' ? '/' : decodeURIComponent(path);
}

/** Creates, updates and removes participant users. */
export class Provisioning {
  readonly #base: string;
  readonly #authorization: string;
  readonly #options: ProvisioningOptions;

  constructor(options: ProvisioningOptions) {
    const url = new URL(options.managementUrl);
    this.#authorization = `Basic ${Buffer.from(
      `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
    ).toString('base64')}`;
    url.username = '';
    url.password = '';
    this.#base = url.toString().replace(/\/$/, '');
    this.#options = options;
  }

  /**
   * Makes the broker match the registry for one participant: active → user (created with a new
   * password when missing) and permissions; suspended → no user, no connections. Returns the
   * password when it created the user.
   */
  async sync(participant: Participant): Promise<string | undefined> {
    if (participant.status !== 'active') {
      await this.remove(participant.oin);
      return undefined;
    }
    let password: string | undefined;
    const existing = await this.#request(
      'GET',
      `/api/users/${enc(participant.oin)}`,
      undefined,
      [404],
    );
    const file = passwordPath(this.#options.pkiDir, participant.oin);
    if (existing.status === 404 || (this.#options.resetWithoutFile === true && !existsSync(file))) {
      password = randomBytes(24).toString('base64url');
      await this.#request('PUT', `/api/users/${enc(participant.oin)}`, { password, tags: '' });
      mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(file, password, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    await this.#request(
      'PUT',
      `/api/permissions/${enc(this.#options.vhost)}/${enc(participant.oin)}`,
      participantPermissions(participant.oin),
    );
    await this.#declareQueue(participant.oin);
    return password;
  }

  /**
   * Declares the participant's queue and its binding, so a participant added while the hub
   * runs can consume at once (the hub declares the same at start; both are idempotent).
   */
  async #declareQueue(oin: string): Promise<void> {
    const vhost = enc(this.#options.vhost);
    const queue = enc(participantQueue(oin));
    const exchange = enc(NAMES.deliveriesExchange);
    await this.#request('PUT', `/api/exchanges/${vhost}/${exchange}`, {
      type: 'direct',
      durable: true,
    });
    await this.#request('PUT', `/api/queues/${vhost}/${queue}`, {
      durable: true,
      arguments: ARGUMENTS.participantQueue,
    });
    await this.#request('POST', `/api/bindings/${vhost}/e/${exchange}/q/${queue}`, {
      routing_key: oin,
    });
  }

  /**
   * Sets policy `name` on the hub's vhost (`PUT /api/policies/{vhost}/{name}`): created or
   * replaced, so setting the same one again, from any hub process, changes nothing
   * (https://www.rabbitmq.com/docs/parameters#policies).
   */
  async putPolicy(name: string, policy: unknown): Promise<void> {
    await this.#request('PUT', `/api/policies/${enc(this.#options.vhost)}/${enc(name)}`, policy);
  }

  /** Deletes the user and closes its connections (deleting a user leaves them open). */
  async remove(oin: string): Promise<void> {
    await this.#request('DELETE', `/api/users/${enc(oin)}`, undefined, [404]);
    const response = await this.#request('GET', '/api/connections');
    const connections = (await response.json()) as { name: string; user: string }[];
    for (const connection of connections.filter((c) => c.user === oin)) {
      await this.#request('DELETE', `/api/connections/${enc(connection.name)}`, undefined, [404]);
    }
  }

  async #request(
    method: string,
    path: string,
    body?: unknown,
    allowed: readonly number[] = [],
  ): Promise<Response> {
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers: {
        authorization: this.#authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).catch((error: unknown) => {
      throw new TransportError('BROKER_UNAVAILABLE', `management API unreachable`, {
        cause: error,
      });
    });
    if (!response.ok && !allowed.includes(response.status)) {
      throw new TransportError(
        'BROKER_UNAVAILABLE',
        `management API ${method} ${path}: ${response.status} ${await response.text()}`,
      );
    }
    return response;
  }
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
