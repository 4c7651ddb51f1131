/**
 * `GET /v1/log`: the authenticated participant's own message log — every message it sent or
 * received, newest first, searched by reference (message id), conversation, in-reply-to,
 * counterparty or its role (the registry's participants of those roles), direction, module, type,
 * version, period (received by the hub), status, fetched and picked up; metadata only, paged with an opaque cursor. The log the
 * Schuldenknooppunt gives its parties (docs/api.md, "Your message log"). There is no parameter
 * that names whose log: a participant only ever sees messages it is the sender or recipient
 * of, whatever it searches for. `GET /v1/log/rejections`: the submissions the hub refused it
 * (only its own), with the reasons of their rejection receipts — why a message never arrived.
 */
import type { Request, Response, Router } from 'express';
import { ROLES, roleOf } from '@knooppunt/standard';
import type {
  LogEntry,
  LogPage,
  Reason,
  RejectionEntry,
  RejectionPage,
  Role,
} from '@knooppunt/standard';
import { directionOf, searchLog, searchRefusals } from '../../../ledger/participant_log.ts';
import type { LogDirection, LogSearch, RefusalSearch } from '../../../ledger/participant_log.ts';
import type { LedgerEvent, MessageRecord } from '../../../ledger/types.ts';
import type { RestContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';
import { participantOf } from '../request_context.ts';
import { mount } from '../routing.ts';
import { mailboxItem } from '../views.ts';
import {
  queryBoolean,
  queryInteger,
  queryModule,
  queryOin,
  queryStatus,
  queryString,
  queryTime,
  UUID_PATTERN,
} from './query.ts';

/** Page size bounds of the log. */
export const LOG_LIMITS = Object.freeze({ min: 1, max: 200, fallback: 50 });
/** The query parameters of `GET /v1/log` (any other is refused, so a typo is not ignored). */
export const LOG_PARAMETERS = Object.freeze([
  'messageId',
  'conversationId',
  'inReplyTo',
  'counterparty',
  'counterpartyRole',
  'direction',
  'module',
  'messageType',
  'version',
  'status',
  'from',
  'to',
  'fetched',
  'pickedUp',
  'cursor',
  'limit',
] as const);
/** The query parameters of `GET /v1/log/rejections`. */
export const REJECTION_PARAMETERS = Object.freeze([
  'messageId',
  'counterparty',
  'messageType',
  'from',
  'to',
  'cursor',
  'limit',
] as const);

const VERSION_PATTERN = /^[0-9]{1,5}\.[0-9]{1,5}$/;
const DIRECTIONS: readonly LogDirection[] = ['sent', 'received'];

/** Mounts the log route. */
export function mountLogRoutes(router: Router, context: RestContext): void {
  mount(router, '/v1/log', {
    get: [context.authenticate, (req, res) => log(context, req, res)],
  });
  mount(router, '/v1/log/rejections', {
    get: [context.authenticate, (req, res) => rejections(context, req, res)],
  });
}

async function rejections(context: RestContext, req: Request, res: Response): Promise<void> {
  const page = await searchRefusals(context.ledger, refusalSearchOf(req, participantOf(res).oin));
  const body: RejectionPage = {
    items: page.items.map(rejectionEntry),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
  res.setHeader('Cache-Control', 'no-store');
  res.json(body);
}

async function log(context: RestContext, req: Request, res: Response): Promise<void> {
  const me = participantOf(res).oin;
  const query = logSearchOf(req, me, (type) =>
    context.schemas.listMessageSchemas().some((info) => info.messageType === type),
  );
  const roles = counterpartyRolesOf(req);
  const page = await searchLog(
    context.ledger,
    roles === undefined ? query : { ...query, counterparties: await oinsOfRoles(context, roles) },
  );
  const body: LogPage = {
    items: page.items.map((record) => logEntry(record, me)),
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
  res.setHeader('Cache-Control', 'no-store');
  res.json(body);
}

/** The log search of a request, every parameter checked (400 USAGE_INVALID naming it). */
export function logSearchOf(
  req: Request,
  participant: string,
  knownType: (messageType: string) => boolean,
): LogSearch {
  refuseUnknown(req, LOG_PARAMETERS);
  const messageType = queryString(req, 'messageType');
  if (messageType !== undefined && !knownType(messageType)) {
    throw usage(`messageType '${messageType}' has no schema`);
  }
  const version = queryString(req, 'version');
  if (version !== undefined && !VERSION_PATTERN.test(version)) {
    throw usage('version must be major.minor, e.g. 2.1');
  }
  const direction = queryString(req, 'direction');
  if (direction !== undefined && !(DIRECTIONS as readonly string[]).includes(direction)) {
    throw usage(`direction must be one of ${DIRECTIONS.join(', ')}`);
  }
  const { from, to } = queryPeriod(req);
  const optional = {
    messageId: queryUuid(req, 'messageId'),
    conversationId: queryUuid(req, 'conversationId'),
    inReplyTo: queryUuid(req, 'inReplyTo'),
    counterparty: queryOin(req, 'counterparty'),
    direction: direction as LogDirection | undefined,
    module: queryModule(req),
    messageType,
    version,
    status: queryStatus(req),
    from,
    to,
    fetched: queryBoolean(req, 'fetched'),
    pickedUp: queryBoolean(req, 'pickedUp'),
    cursor: queryString(req, 'cursor'),
  };
  return {
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, value]) => value !== undefined),
    ) as Partial<LogSearch>),
    participant,
    limit: queryInteger(req, 'limit', LOG_LIMITS),
  };
}

/**
 * `counterpartyRole`: one of the catalogue's roles, or several comma-separated (any of: the
 * Schuldenknooppunt's `SHV` is our debt helpers' three roles); undefined when absent.
 */
export function counterpartyRolesOf(req: Request): Role[] | undefined {
  const given = queryString(req, 'counterpartyRole');
  if (given === undefined) return undefined;
  const roles = given.split(',');
  const unknown = roles.find((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown !== undefined) {
    throw usage(
      `counterpartyRole must be one of ${ROLES.join(', ')} (or several, comma-separated); not '${unknown}'`,
    );
  }
  return roles as Role[];
}

/**
 * The OINs of every registered participant of one of `roles`, suspended ones too (their
 * messages stay in the log): the ledger stores no roles, so the roles become the set of
 * counterparties the log search matches (each participant's own index still serves it).
 */
async function oinsOfRoles(context: RestContext, roles: readonly Role[]): Promise<string[]> {
  const participants = await context.registry.list();
  return participants.filter((p) => roles.includes(roleOf(p.kind))).map((p) => p.oin);
}

/** The refusal search of a request, every parameter checked (400 USAGE_INVALID naming it). */
export function refusalSearchOf(req: Request, participant: string): RefusalSearch {
  refuseUnknown(req, REJECTION_PARAMETERS);
  const messageType = queryString(req, 'messageType');
  // A refused message may name a type without a schema: any lowercase type name is searched.
  if (messageType !== undefined && !/^[a-z][a-z-]{0,63}$/.test(messageType)) {
    throw usage('messageType must be a message type name (a-z and -)');
  }
  const optional = {
    messageId: queryUuid(req, 'messageId'),
    counterparty: queryOin(req, 'counterparty'),
    messageType,
    ...queryPeriod(req),
    cursor: queryString(req, 'cursor'),
  };
  return {
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, value]) => value !== undefined),
    ) as Partial<RefusalSearch>),
    participant,
    limit: queryInteger(req, 'limit', LOG_LIMITS),
  };
}

/** A `rejected` event as its submitter's log shows it: what the rejection receipt said. */
export function rejectionEntry(event: LedgerEvent): RejectionEntry {
  const text = (name: string): string | undefined =>
    typeof event.data[name] === 'string' ? event.data[name] : undefined;
  const messageId = text('messageId');
  const recipient = text('recipient');
  const messageType = text('messageType');
  const reasonCount = event.data['reasonCount'];
  return {
    rejectionId: event.subject.replace(/^rejection:/, ''),
    ledgerPosition: event.eventId,
    refusedAt: event.at,
    ...(messageId === undefined ? {} : { messageId }),
    ...(recipient === undefined ? {} : { counterparty: recipient }),
    ...(messageType === undefined ? {} : { messageType }),
    transport: text('transport') ?? 'rest',
    reasons: (event.data['reasons'] as readonly Reason[] | undefined) ?? [],
    ...(typeof reasonCount === 'number' ? { reasonCount } : {}),
  };
}

/** A message as the log of `participant` shows it. */
export function logEntry(record: MessageRecord, participant: string): LogEntry {
  const direction = directionOf(record, participant);
  return {
    ...mailboxItem(record),
    direction,
    counterparty: direction === 'sent' ? record.recipient : record.sender,
    fetched: record.deliveredAt !== undefined || record.pickedUpAt !== undefined,
    pickedUp: record.pickedUpAt !== undefined,
    ...(record.deliveredAt === undefined ? {} : { deliveredAt: record.deliveredAt }),
    ...(record.pickedUpAt === undefined ? {} : { pickedUpAt: record.pickedUpAt }),
    ...(record.expiredAt === undefined ? {} : { expiredAt: record.expiredAt }),
    ...(record.answeredAt === undefined ? {} : { answeredAt: record.answeredAt }),
  };
}

/** A UUID (any case, answered in lowercase as ids are stored), or undefined when absent. */
function queryUuid(req: Request, name: string): string | undefined {
  const value = queryString(req, name)?.toLowerCase();
  if (value !== undefined && !UUID_PATTERN.test(value)) throw usage(`${name} must be a UUID`);
  return value;
}

/** `from` and `to` (ISO 8601, normalised to UTC), `from` before `to` when both are given. */
function queryPeriod(req: Request): { from?: string; to?: string } {
  const from = queryTime(req, 'from');
  const to = queryTime(req, 'to');
  if (from !== undefined && to !== undefined && from >= to) {
    throw usage('from must lie before to');
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

/** A parameter not in `known` is refused, so a typo is not silently ignored. */
function refuseUnknown(req: Request, known: readonly string[]): void {
  const unknown = Object.keys(req.query).find((name) => !known.includes(name));
  if (unknown !== undefined) throw usage(`'${unknown}' is not a parameter of ${req.path}`);
}

function usage(detail: string): HttpProblem {
  return new HttpProblem('USAGE_INVALID', detail);
}
