/**
 * Reading request bodies: the media types a route accepts (anything else is 415), the size
 * limit (413, counted on the decoded body), and parse failures as problem details with the
 * route's own code (400 MALFORMED_MESSAGE for a message, 400 USAGE_INVALID for a token
 * request). express's body parsers do the reading; this turns their errors into problems.
 */
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { KnooppuntError, parseStrictJson } from '@knooppunt/standard';
import type { HubErrorCode } from '@knooppunt/standard';
import { HttpProblem } from './problem.ts';

/** How a route reads its body. */
export interface BodyOptions {
  /** Accepted media types (without parameters), e.g. `application/json`. */
  readonly types: readonly string[];
  /** Largest body in bytes. */
  readonly limit: number;
  /** The code of a body that cannot be parsed. */
  readonly malformed: HubErrorCode;
}

/** body-parser's errors carry an HTTP status and a `type`. */
interface ParserError {
  readonly status?: number;
  readonly type?: string;
  readonly message: string;
}

/** A member of a parsed JSON body, or undefined when the body is no object or lacks it. */
export function bodyField(body: unknown, name: string): unknown {
  return body !== null && typeof body === 'object'
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** Middleware that checks the media type, then parses JSON, form or text bodies into `req.body`. */
export function readBody(options: BodyOptions): RequestHandler[] {
  const parsers: RequestHandler[] = [];
  if (options.types.includes('application/json')) {
    // The bytes as they came, then the one strict reader (I-JSON, depth, finite numbers): any
    // JSON value parses, and the route says what it expected.
    parsers.push(express.raw({ limit: options.limit, type: 'application/json' }));
    parsers.push(strictJson(options));
  }
  if (options.types.includes('application/x-www-form-urlencoded')) {
    parsers.push(
      express.urlencoded({
        limit: options.limit,
        extended: false,
        type: 'application/x-www-form-urlencoded',
      }),
    );
  }
  const textTypes = options.types.filter((type) => type.startsWith('text/'));
  if (textTypes.length > 0) {
    // Text (a CSV upload) as a string, UTF-8 unless the Content-Type names another charset.
    parsers.push(express.text({ limit: options.limit, type: textTypes, defaultCharset: 'utf-8' }));
  }
  const checkType: RequestHandler = (req, _res, next) => {
    if (req.is(options.types as string[]) === false || req.get('Content-Type') === undefined) {
      throw new HttpProblem(
        'UNSUPPORTED_MEDIA_TYPE',
        `the body must be ${options.types.join(' or ')}, not ${req.get('Content-Type') ?? 'untyped'}`,
        { headers: { 'Accept-Post': options.types.join(', ') } }, // RFC 9110 §15.5.16 hint
      );
    }
    if (declaredTooLarge(req, options.limit)) {
      // Answered now and the connection closed: body-parser would first read off (and throw
      // away) every byte the client declared, however many, before it answers.
      throw new HttpProblem('BODY_TOO_LARGE', `the body is larger than ${options.limit} bytes`, {
        headers: { Connection: 'close' },
      });
    }
    next();
  };
  const translate = (error: unknown, _req: Request, _res: Response, next: NextFunction): void => {
    next(asProblem(error as ParserError, options));
  };
  return [checkType, ...parsers.map((parser) => withTranslation(parser, translate))];
}

/**
 * Whether the request declares more bytes than `limit`. Only for a body sent as it is: the limit
 * counts decoded bytes, and a compressed body's declared length says nothing about those.
 */
function declaredTooLarge(req: Request, limit: number): boolean {
  const encoding = (req.get('Content-Encoding') ?? 'identity').trim().toLowerCase();
  const declared = Number(req.get('Content-Length') ?? 0);
  return encoding === 'identity' && declared > limit;
}

/** Reads the raw JSON body with `parseStrictJson`; its refusals keep their own codes. */
function strictJson(options: BodyOptions): RequestHandler {
  return (req, _res, next) => {
    if (!req.is('application/json')) {
      next();
      return;
    }
    const bytes: unknown = req.body;
    try {
      req.body = parseStrictJson(Buffer.isBuffer(bytes) ? bytes : Buffer.alloc(0), {
        maxBytes: options.limit,
        malformed: options.malformed,
      });
    } catch (error) {
      if (!(error instanceof KnooppuntError)) throw error;
      // The reader's message never quotes the body.
      throw HttpProblem.from(error);
    }
    next();
  };
}

function withTranslation(
  parser: RequestHandler,
  translate: (error: unknown, req: Request, res: Response, next: NextFunction) => void,
): RequestHandler {
  return (req, res, next) => {
    parser(req, res, (error?: unknown) => {
      if (error === undefined || error === null) next();
      else translate(error, req, res, next);
    });
  };
}

function asProblem(error: ParserError, options: BodyOptions): HttpProblem {
  switch (error.type) {
    case 'entity.too.large':
      return new HttpProblem('BODY_TOO_LARGE', `the body is larger than ${options.limit} bytes`, {
        cause: error,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem('UNSUPPORTED_MEDIA_TYPE', error.message, { cause: error });
    default:
      // entity.parse.failed, request.aborted, request.size.invalid, …; the parser's message
      // may quote the body, so it stays out of the answer.
      return new HttpProblem(
        options.malformed,
        `the body cannot be read as ${options.types.join(' or ')}`,
        { status: 400, cause: error },
      );
  }
}
