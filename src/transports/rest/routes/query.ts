/**
 * Reading query parameters strictly: a parameter given twice, or out of its range, is a
 * 400 USAGE_INVALID that names it, never silently the first value or a default.
 */
import type { Request } from 'express';
import { isModule, isValidOinSyntax } from '@knooppunt/standard';
import type { MessageStatus, Module } from '@knooppunt/standard';
import { HttpProblem } from '../problem.ts';

/** A UUID in lower case, as the hub stores message and conversation ids. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One string parameter, or undefined when absent or empty. */
export function queryString(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw usage(`${name} may be given once`);
  return value;
}

/** A whole number from `min` to `max`, `fallback` when absent. */
export function queryInteger(
  req: Request,
  name: string,
  range: { min: number; max: number; fallback: number },
): number {
  const text = queryString(req, name);
  if (text === undefined) return range.fallback;
  const value = /^[0-9]{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw usage(`${name} must be a whole number from ${range.min} to ${range.max}`);
  }
  return value;
}

/** A module name, or undefined when absent. */
export function queryModule(req: Request, name = 'module'): Module | undefined {
  const text = queryString(req, name);
  if (text === undefined) return undefined;
  if (!isModule(text)) throw usage(`${name} '${text}' is not a module of the catalogue`);
  return text;
}

/** An OIN (20 digits), or undefined when absent. */
export function queryOin(req: Request, name: string): string | undefined {
  const value = queryString(req, name);
  if (value !== undefined && !isValidOinSyntax(value)) {
    throw usage(`${name} must be an OIN of 20 digits`);
  }
  return value;
}

/** An ISO 8601 time (normalised to UTC), or undefined when absent. */
export function queryTime(req: Request, name: string): string | undefined {
  const value = queryString(req, name);
  if (value !== undefined && Number.isNaN(Date.parse(value))) {
    throw usage(`${name} must be an ISO 8601 time`);
  }
  return value === undefined ? undefined : new Date(value).toISOString();
}

/** `true` or `false`, or undefined when absent. */
export function queryBoolean(req: Request, name: string): boolean | undefined {
  const value = queryString(req, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw usage(`${name} must be true or false`);
  }
  return value === 'true';
}

/** A message status, or undefined when absent. */
export function queryStatus(req: Request): MessageStatus | undefined {
  const value = queryString(req, 'status');
  if (value !== undefined && !(MESSAGE_STATUSES as readonly string[]).includes(value)) {
    throw usage(`status must be one of ${MESSAGE_STATUSES.join(', ')}`);
  }
  return value as MessageStatus | undefined;
}

/** The statuses a message passes through. */
const MESSAGE_STATUSES: readonly MessageStatus[] = [
  'accepted',
  'delivered',
  'picked-up',
  'expired',
];

function usage(detail: string): HttpProblem {
  return new HttpProblem('USAGE_INVALID', detail);
}
