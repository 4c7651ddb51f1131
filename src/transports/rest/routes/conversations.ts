/**
 * `GET /v1/conversations/{id}`: one dossier as one of its participants sees it — the owner
 * (the debt-help organisation that opened it) or anyone who sent or received a message in it.
 * Each sees only the messages it sent or received: fourteen creditors in one dossier never see
 * each other's messages, and only the owner sees that others take part at all.
 */
import type { Request, Response, Router } from 'express';
import type { RestContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';
import { participantOf } from '../request_context.ts';
import { mount } from '../routing.ts';
import { conversationView } from '../views.ts';

/** Mounts the conversation route. */
export function mountConversationRoutes(router: Router, context: RestContext): void {
  mount(router, '/v1/conversations/:id', {
    get: [context.authenticate, (req, res) => conversation(context, req, res)],
  });
}

async function conversation(context: RestContext, req: Request, res: Response): Promise<void> {
  const me = participantOf(res).oin;
  const id = req.params['id'] as string;
  const record = await context.ledger.getConversation(id);
  if (record === undefined) {
    // The code's usual 422 is for a message that names it; a GET that names it is 404.
    throw new HttpProblem('CONVERSATION_UNKNOWN', `no conversation with id ${id}`, {
      status: 404,
    });
  }
  const view = conversationView(record, await context.ledger.listConversation(id), me);
  if (record.owner !== me && view.messages.length === 0) {
    throw new HttpProblem('FORBIDDEN', 'only the participants of a conversation see it');
  }
  res.json(view);
}
