/**
 * Portal accounts: a participant's users, added, listed and removed (by the command line now,
 * by the participant's beheerder in the portal later), and their login with a password and a
 * TOTP code. A wrong name, password or code answers alike (LOGIN_FAILED) and counts against
 * the account as an operator's failures do (lockedUntilAfter); a code works once. Every change
 * is a `portal-user-changed` event with who made it; no secret ever appears in one.
 */
import { AuthorisationError, isValidOinSyntax, UsageError } from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import {
  assertPassword,
  generatePassword,
  hashPassword,
  lockedUntilAfter,
  verifyPassword,
} from '../operators/passwords.ts';
import type { PortalUserStore } from './store.ts';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp.ts';
import { PORTAL_ROLES } from './types.ts';
import type { PortalRole, PortalUser, PortalUserView } from './types.ts';

const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
/** An address as people type them: local part, `@`, a domain with a dot (no quoted forms). */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** An e-mail address trimmed, its domain in lower case; USAGE_INVALID when it is none. */
export function portalEmail(text: string): string {
  const address = text.trim();
  if (address.length > 254 || !EMAIL.test(address)) {
    throw new UsageError('USAGE_INVALID', `'${text}' is not an e-mail address`);
  }
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
}

/** The user without secrets. */
export function portalUserView(user: PortalUser): PortalUserView {
  const { passwordHash: _hash, totpSecret: _secret, lastTotpStep: _step, ...view } = user;
  return view;
}

/** A new user's credentials: shown once, to be handed to the person. */
export interface PortalEnrolment {
  readonly user: PortalUserView;
  readonly password: string;
  readonly totpSecret: string;
  /** `otpauth://totp/…` for an authenticator app. */
  readonly totpUri: string;
}

/** What the accounts work with. */
export interface PortalAccountsDeps {
  readonly store: PortalUserStore;
  /** Whether a participant with this OIN is registered. */
  readonly participantExists: (oin: string) => Promise<boolean>;
  readonly clock: Clock;
}

/** Portal accounts. */
export class PortalAccounts {
  readonly #deps: PortalAccountsDeps;
  /** A hash to check against when the name is unknown, so that costs the same time. */
  #dummy: Promise<string> | undefined;

  constructor(deps: PortalAccountsDeps) {
    this.#deps = deps;
  }

  /**
   * Adds a user of `participant`, with the e-mail address of its daily digest when given;
   * returns its password (generated unless given) and TOTP secret.
   */
  async add(
    participant: string,
    name: string,
    role: PortalRole,
    actor: string,
    password?: string,
    email?: string,
  ): Promise<PortalEnrolment> {
    if (!NAME.test(name)) {
      throw new UsageError(
        'USAGE_INVALID',
        `a user name is 2 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit; not '${name}'`,
      );
    }
    if (!PORTAL_ROLES.includes(role)) {
      throw new UsageError(
        'USAGE_INVALID',
        `a role is ${PORTAL_ROLES.join(' or ')}, not '${role}'`,
      );
    }
    const address = email === undefined ? undefined : portalEmail(email);
    if (!isValidOinSyntax(participant) || !(await this.#deps.participantExists(participant))) {
      throw new UsageError('USAGE_INVALID', `no participant with OIN ${participant}`);
    }
    if ((await this.#deps.store.getPortalUser(name)) !== undefined) {
      throw new UsageError('USAGE_INVALID', `there is a portal user ${name} already`);
    }
    const secret = password ?? generatePassword();
    assertPassword(secret);
    const now = this.#now();
    const user: PortalUser = {
      name,
      participant,
      role,
      passwordHash: await hashPassword(secret),
      totpSecret: newTotpSecret(),
      createdAt: now,
      updatedAt: now,
      failedLogins: 0,
      ...(address === undefined ? {} : { email: address }),
    };
    await this.#deps.store.putPortalUser(user);
    // Whether there is an address, never the address: the chain keeps no personal data.
    await this.#record(name, actor, {
      change: 'added',
      participant,
      role,
      ...(address === undefined ? {} : { email: true }),
    });
    return {
      user: portalUserView(user),
      password: secret,
      totpSecret: user.totpSecret,
      totpUri: totpUri(user.totpSecret, name),
    };
  }

  /**
   * New credentials for a user (a lost device, a forgotten password): a new password (generated
   * unless given) and TOTP secret; ends its sessions and lifts a lock. With `participant`, only
   * for one of that participant's users.
   */
  async reset(
    name: string,
    actor: string,
    options: { readonly participant?: string; readonly password?: string } = {},
  ): Promise<PortalEnrolment> {
    const user = await this.#deps.store.getPortalUser(name);
    if (
      user === undefined ||
      (options.participant !== undefined && user.participant !== options.participant)
    ) {
      throw new UsageError('USAGE_INVALID', `there is no portal user ${name}`);
    }
    const secret = options.password ?? generatePassword();
    assertPassword(secret);
    const { lockedUntil: _lock, lastTotpStep: _step, ...rest } = user;
    const updated: PortalUser = {
      ...rest,
      passwordHash: await hashPassword(secret),
      totpSecret: newTotpSecret(),
      failedLogins: 0,
      updatedAt: this.#now(),
    };
    await this.#deps.store.putPortalUser(updated);
    await this.#deps.store.deletePortalSessionsOf(name);
    await this.#record(name, actor, { change: 'credentials-reset', participant: user.participant });
    return {
      user: portalUserView(updated),
      password: secret,
      totpSecret: updated.totpSecret,
      totpUri: totpUri(updated.totpSecret, name),
    };
  }

  /**
   * Sets (or, without `email`, removes) the address a user's daily digest goes to; with
   * `participant`, only for one of that participant's users. The event says that the address
   * changed, not what it is.
   */
  async setEmail(
    name: string,
    email: string | undefined,
    actor: string,
    participant?: string,
  ): Promise<PortalUserView> {
    const address = email === undefined ? undefined : portalEmail(email);
    const user = await this.#deps.store.getPortalUser(name);
    if (user === undefined || (participant !== undefined && user.participant !== participant)) {
      throw new UsageError('USAGE_INVALID', `there is no portal user ${name}`);
    }
    const { email: _old, ...rest } = user;
    const updated: PortalUser = {
      ...rest,
      ...(address === undefined ? {} : { email: address }),
      updatedAt: this.#now(),
    };
    await this.#deps.store.putPortalUser(updated);
    await this.#record(name, actor, {
      change: address === undefined ? 'email-removed' : 'email-set',
      participant: user.participant,
    });
    return portalUserView(updated);
  }

  /** The users of one participant (or all), without secrets. */
  async list(participant?: string): Promise<PortalUserView[]> {
    return (await this.#deps.store.listPortalUsers(participant)).map(portalUserView);
  }

  async get(name: string): Promise<PortalUserView | undefined> {
    const user = await this.#deps.store.getPortalUser(name);
    return user === undefined ? undefined : portalUserView(user);
  }

  /** Removes a user; with `participant`, only one of that participant's. */
  async remove(name: string, actor: string, participant?: string): Promise<void> {
    const user = await this.#deps.store.getPortalUser(name);
    if (user === undefined || (participant !== undefined && user.participant !== participant)) {
      throw new UsageError('USAGE_INVALID', `there is no portal user ${name}`);
    }
    await this.#deps.store.deletePortalUser(name);
    await this.#deps.store.deletePortalSessionsOf(name);
    await this.#record(name, actor, { change: 'removed', participant: user.participant });
  }

  /**
   * The user with this name, password and current TOTP code. LOGIN_FAILED for any of the three
   * wrong (one answer, and the password is checked whatever the name), LOGIN_THROTTLED while
   * the account waits.
   */
  async login(name: string, password: string, code: string): Promise<PortalUserView> {
    const user = NAME.test(name) ? await this.#deps.store.getPortalUser(name) : undefined;
    const now = this.#deps.clock.now();
    if (user?.lockedUntil !== undefined && Date.parse(user.lockedUntil) > now.getTime()) {
      throw new AuthorisationError(
        'LOGIN_THROTTLED',
        `too many failed logins; try again after ${user.lockedUntil}`,
      );
    }
    this.#dummy ??= hashPassword(generatePassword());
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await this.#dummy), password);
    const step =
      user === undefined
        ? undefined
        : acceptedTotpStep(user.totpSecret, code, now, user.lastTotpStep);
    if (user === undefined || !passwordOk || step === undefined) {
      if (user !== undefined) await this.#failed(user, now);
      throw new AuthorisationError(
        'LOGIN_FAILED',
        'the name, the password or the code is not right',
      );
    }
    // The step is stored only while the password is unchanged: a code used here is spent.
    const applied = await this.#deps.store.updatePortalLoginState(user.name, user.passwordHash, {
      failedLogins: 0,
      lastTotpStep: step,
    });
    if (!applied) {
      throw new AuthorisationError(
        'LOGIN_FAILED',
        'the name, the password or the code is not right',
      );
    }
    return portalUserView(user);
  }

  async #failed(user: PortalUser, now: Date): Promise<void> {
    const failedLogins = user.failedLogins + 1;
    const lockedUntil = lockedUntilAfter(failedLogins, now);
    const applied = await this.#deps.store.updatePortalLoginState(
      user.name,
      user.passwordHash,
      lockedUntil === undefined ? { failedLogins } : { failedLogins, lockedUntil },
    );
    if (applied && lockedUntil !== undefined) {
      await this.#record(user.name, 'hub', { change: 'locked', failedLogins, until: lockedUntil });
    }
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }

  #record(name: string, actor: string, data: Record<string, unknown>): Promise<unknown> {
    return this.#deps.store.appendEvent({
      subject: `portal-user:${name}`,
      type: 'portal-user-changed',
      at: this.#now(),
      actor,
      data,
    });
  }
}
