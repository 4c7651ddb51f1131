/**
 * What the REST transport knows about one request besides its body: the request id (the
 * client's `X-Request-Id` when it is a sensible token, a fresh UUID otherwise, echoed in the
 * response), the authenticated participant, and one log line when the answer is sent —
 * method, route template (never the concrete path with its ids), status, duration, OIN and
 * request id. Nothing of the body or query reaches the log.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../ops/logger.ts';
import type { Participant } from '../../participants/types.ts';

/** The header that carries the request id both ways. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A client's request id is echoed only when it looks like an id, not like data. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id of the running request. */
export function requestIdOf(res: Response): string {
  return res.locals['requestId'] as string;
}

/** The authenticated participant; only on routes behind `authenticate`. */
export function participantOf(res: Response): Participant {
  const participant = res.locals['participant'] as Participant | undefined;
  if (participant === undefined) throw new TypeError('route is not behind authentication');
  return participant;
}

/** Records the authenticated participant for handlers and the log line. */
export function setParticipant(res: Response, participant: Participant): void {
  res.locals['participant'] = participant;
}

/** Assigns the request id and logs one line per request when the answer is done. */
export function requestContext(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const offered = req.get(REQUEST_ID_HEADER);
    const requestId =
      offered !== undefined && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
    res.locals['requestId'] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let logged = false;
    const log = (): void => {
      if (logged) return;
      logged = true;
      const participant = res.locals['participant'] as Participant | undefined;
      logger.info(
        {
          requestId,
          method: req.method,
          // The template (`/v1/messages/:id`), set by the router once a route matched.
          route: (req.route as { path?: string } | undefined)?.path ?? '(no route)',
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          ...(participant === undefined ? {} : { participant: participant.oin }),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    };
    res.once('finish', log);
    res.once('close', log);
    next();
  };
}
