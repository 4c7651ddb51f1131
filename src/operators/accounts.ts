/**
 * Operator accounts: adding, listing, removing, changing a password, and logging in with
 * throttling that holds across hub processes (failures are counted in the stored account, by a
 * write that applies only while the account still has the password it was read with; logins
 * failing at the same moment may count as one, which the per-address throttle bounds).
 * Every change is an `operator-changed` event in the ledger with who made it; a password or its
 * hash never appears in one.
 */
import { AuthorisationError, UsageError } from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import {
  assertPassword,
  generatePassword,
  hashPassword,
  lockedUntilAfter,
  verifyPassword,
} from './passwords.ts';
import type { OperatorStore } from './store.ts';
import { OPERATOR_ROLES } from './types.ts';
import type { Operator, OperatorRole, OperatorView } from './types.ts';

const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** The account without its password hash. */
export function viewOf(operator: Operator): OperatorView {
  const { passwordHash: _hash, ...view } = operator;
  return view;
}

/** What the accounts work with. */
export interface OperatorAccountsDeps {
  readonly store: OperatorStore;
  readonly clock: Clock;
}

/** Operator accounts. */
export class OperatorAccounts {
  readonly #deps: OperatorAccountsDeps;
  /** A hash to check against when the name is unknown, so that costs the same time. */
  #dummy: Promise<string> | undefined;

  constructor(deps: OperatorAccountsDeps) {
    this.#deps = deps;
  }

  /** Adds an operator; returns it and its password (generated unless given). */
  async add(
    name: string,
    role: OperatorRole,
    actor: string,
    password?: string,
  ): Promise<{ operator: OperatorView; password: string }> {
    assertName(name);
    if (!OPERATOR_ROLES.includes(role)) {
      throw new UsageError(
        'USAGE_INVALID',
        `a role is ${OPERATOR_ROLES.join(' or ')}, not '${role}'`,
      );
    }
    if ((await this.#deps.store.getOperator(name)) !== undefined) {
      throw new UsageError('USAGE_INVALID', `there is an operator ${name} already`);
    }
    const secret = password ?? generatePassword();
    assertPassword(secret);
    const now = this.#now();
    const operator: Operator = {
      name,
      role,
      passwordHash: await hashPassword(secret),
      createdAt: now,
      updatedAt: now,
      failedLogins: 0,
    };
    await this.#deps.store.putOperator(operator);
    await this.#record(name, actor, { change: 'added', role });
    return { operator: viewOf(operator), password: secret };
  }

  /** Every operator, by name, without password hashes. */
  async list(): Promise<OperatorView[]> {
    return (await this.#deps.store.listOperators()).map(viewOf);
  }

  /** One operator, without its password hash. */
  async get(name: string): Promise<OperatorView | undefined> {
    const operator = await this.#deps.store.getOperator(name);
    return operator === undefined ? undefined : viewOf(operator);
  }

  /** Whether `password` is the operator's (no login: nothing is counted or changed). */
  async hasPassword(name: string, password: string): Promise<boolean> {
    const operator = await this.#deps.store.getOperator(name);
    return operator !== undefined && (await verifyPassword(operator.passwordHash, password));
  }

  /** Removes an operator and ends its sessions. */
  async remove(name: string, actor: string): Promise<void> {
    if (!(await this.#deps.store.deleteOperator(name))) {
      throw new UsageError('USAGE_INVALID', `there is no operator ${name}`);
    }
    await this.#deps.store.deleteSessionsOf(name);
    await this.#record(name, actor, { change: 'removed' });
  }

  /** Sets a new password (generated unless given), lifts a lock, ends the sessions. */
  async setPassword(name: string, actor: string, password?: string): Promise<string> {
    const operator = await this.#deps.store.getOperator(name);
    if (operator === undefined)
      throw new UsageError('USAGE_INVALID', `there is no operator ${name}`);
    const secret = password ?? generatePassword();
    assertPassword(secret);
    const { lockedUntil: _lock, ...rest } = operator;
    await this.#deps.store.putOperator({
      ...rest,
      passwordHash: await hashPassword(secret),
      failedLogins: 0,
      updatedAt: this.#now(),
    });
    await this.#deps.store.deleteSessionsOf(name);
    await this.#record(name, actor, { change: 'password' });
    return secret;
  }

  /**
   * The operator with this name and password. Throws LOGIN_FAILED for a wrong name or password
   * (the same answer, in the same time) and LOGIN_THROTTLED while the account waits after too
   * many failures.
   */
  async login(name: string, password: string): Promise<OperatorView> {
    const operator = NAME.test(name) ? await this.#deps.store.getOperator(name) : undefined;
    const now = this.#deps.clock.now();
    if (operator?.lockedUntil !== undefined && Date.parse(operator.lockedUntil) > now.getTime()) {
      throw new AuthorisationError(
        'LOGIN_THROTTLED',
        `too many failed logins; try again after ${operator.lockedUntil}`,
      );
    }
    this.#dummy ??= hashPassword(generatePassword());
    const ok = await verifyPassword(operator?.passwordHash ?? (await this.#dummy), password);
    if (operator === undefined || !ok) {
      if (operator !== undefined) await this.#failed(operator, now);
      throw new AuthorisationError('LOGIN_FAILED', 'the name or the password is not right');
    }
    if (operator.failedLogins > 0 || operator.lockedUntil !== undefined) {
      await this.#deps.store.updateLoginState(operator.name, operator.passwordHash, {
        failedLogins: 0,
      });
    }
    return viewOf(operator);
  }

  /** Counts a failure; from the sixth on, the account waits (doubling, up to a day). */
  async #failed(operator: Operator, now: Date): Promise<void> {
    const failedLogins = operator.failedLogins + 1;
    const lockedUntil = lockedUntilAfter(failedLogins, now);
    const applied = await this.#deps.store.updateLoginState(
      operator.name,
      operator.passwordHash,
      lockedUntil === undefined ? { failedLogins } : { failedLogins, lockedUntil },
    );
    if (applied && lockedUntil !== undefined) {
      await this.#record(operator.name, 'hub', {
        change: 'locked',
        failedLogins,
        until: lockedUntil,
      });
    }
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }

  #record(name: string, actor: string, data: Record<string, unknown>): Promise<unknown> {
    return this.#deps.store.appendEvent({
      subject: `operator:${name}`,
      type: 'operator-changed',
      at: this.#now(),
      actor,
      data,
    });
  }
}

function assertName(name: string): void {
  if (!NAME.test(name)) {
    throw new UsageError(
      'USAGE_INVALID',
      `an operator name is 2 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit; not '${name}'`,
    );
  }
}
