/**
 * What a participant looks up before it sends: the message schemas with their catalogue
 * traits (`GET /v1/schemas`, `GET /v1/schemas/{messageType}/{version}`), the changelog of the
 * standard (`GET /v1/schemas/changelog`) and the directory of active participants with the
 * versions each takes (`GET /v1/participants?module=`), and the municipality serving a postal
 * area (`GET /v1/postcodes/{postcode}`: the recipient of an early signal). Authenticated,
 * read-only.
 */
import type { Request, Response, Router } from 'express';
import {
  defaultVersion,
  inspectCertificate,
  isMessageType,
  isPc4,
  messageTypeSpec,
  MODULES,
  pc4Of,
  readChangelog,
  ROLES,
  THUMBPRINT,
} from '@knooppunt/standard';
import type {
  ConversationEffect,
  MessageSchemaInfo,
  MessageTypeSpec,
  ReplyRule,
  SchemaRegistry,
} from '@knooppunt/standard';
import { directoryEntryOf } from '../../../participants/registry.ts';
import type { RestContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';
import { mount } from '../routing.ts';
import { queryModule } from './query.ts';

/** One entry of `GET /v1/schemas`: the schema and its type's catalogue traits. */
export interface SchemaListingItem {
  readonly messageType: string;
  readonly version: string;
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly modules: readonly string[];
  readonly senderRoles: readonly string[];
  readonly recipientRoles: readonly string[];
  readonly answeredBy: readonly string[];
  /** Working days to answer; null when no answer is expected. */
  readonly answerDeadlineWorkingDays: number | null;
  readonly conversation: ConversationEffect;
  /** The hub itself sends it (verloopmelding), not a participant. */
  readonly inReplyTo: ReplyRule;
  readonly sentByHub: boolean;
  /**
   * The version a participant sends of its type when it does not know the recipient's
   * versions (the catalogue's `defaultVersion`: the oldest, which every participant takes).
   */
  readonly sentByDefault: boolean;
}

/** Where the changelog of the standard is served (linked from `GET /v1/schemas`). */
export const CHANGELOG_PATH = '/v1/schemas/changelog';

/** Mounts the schema and directory routes. */
export function mountDirectoryRoutes(router: Router, context: RestContext): void {
  const listing = schemaListing(context.schemas);
  const changelog = readChangelog();
  mount(router, '/v1/schemas', {
    get: [
      context.authenticate,
      (_req, res) => {
        res.setHeader('Link', `<${CHANGELOG_PATH}>; rel="changelog"; type="text/markdown"`);
        res.json({ items: listing, changelog: CHANGELOG_PATH });
      },
    ],
  });
  mount(router, CHANGELOG_PATH, {
    get: [
      context.authenticate,
      (_req, res) => void res.type('text/markdown; charset=utf-8').send(changelog),
    ],
  });
  mount(router, '/v1/schemas/:messageType/:version', {
    get: [context.authenticate, (req, res) => schema(context, req, res)],
  });
  mount(router, '/v1/certificates/:thumbprint', {
    get: [context.authenticate, (req, res) => certificate(context, req, res)],
  });
  mount(router, '/v1/postcodes/:postcode', {
    get: [context.authenticate, (req, res) => municipalityByPostcode(context, req, res)],
  });
  mount(router, '/v1/participants', {
    get: [
      context.authenticate,
      async (req, res) => {
        res.json({ items: await context.registry.directory(queryModule(req)) });
      },
    ],
  });
}

/** The schema listing (pure): every schema of the registry with its catalogue row. */
export function schemaListing(schemas: SchemaRegistry): readonly SchemaListingItem[] {
  return Object.freeze(schemas.listMessageSchemas().map(listingItem));
}

function listingItem(info: MessageSchemaInfo): SchemaListingItem {
  const { messageType, version, $id, title, description } = info;
  if (!isMessageType(messageType)) {
    // A hub notice: sent by the hub in the module and conversation of the message it is about,
    // to a participant of any role.
    return {
      ...{ messageType, version, $id, title, description },
      modules: [...MODULES],
      senderRoles: [],
      recipientRoles: [...ROLES],
      answeredBy: [],
      answerDeadlineWorkingDays: null,
      conversation: 'continues',
      inReplyTo: 'required',
      sentByHub: true,
      sentByDefault: false,
    };
  }
  const spec: MessageTypeSpec = messageTypeSpec(messageType);
  return {
    ...{ messageType, version, $id, title, description },
    modules: [...spec.modules],
    senderRoles: [...spec.senderRoles],
    recipientRoles: [...spec.recipientRoles],
    answeredBy: [...spec.answeredBy],
    answerDeadlineWorkingDays: spec.answerDeadlineWorkingDays ?? null,
    conversation: spec.conversation,
    inReplyTo: spec.inReplyTo,
    sentByHub: false,
    sentByDefault: version === defaultVersion(messageType),
  };
}

/** `…/schemas/{messageType}/{version}`: the JSON Schema, or 404 SCHEMA_UNKNOWN_TYPE. */
export function schema(context: RestContext, req: Request, res: Response): void {
  const { messageType, version } = req.params as { messageType: string; version: string };
  const info = context.schemas
    .listMessageSchemas()
    .find((entry) => entry.messageType === messageType && entry.version === version);
  const document = info === undefined ? undefined : context.schemas.getSchema(info.$id);
  if (document === undefined) {
    // 404 here: the GET names a resource that does not exist (a message naming it gets 422).
    throw new HttpProblem(
      'SCHEMA_UNKNOWN_TYPE',
      `no schema for message type ${messageType} version ${version}`,
      { status: 404 },
    );
  }
  res.type('application/schema+json').send(JSON.stringify(document));
}

/**
 * The municipality serving a postal area (vroegsignalering), by the lookup and the rules the hub
 * routes a signal by (registry.servingPostcode, pipeline/postcode_routing.ts): 404
 * POSTCODE_UNSERVED when none does, 404 RECIPIENT_SUSPENDED when the one that does is
 * suspended (a signal to it would be refused so). Takes a PC4 area or a full postcode, and
 * answers with the PC4 area an envelope carries.
 */
async function municipalityByPostcode(
  context: RestContext,
  req: Request,
  res: Response,
): Promise<void> {
  const asked = String(req.params['postcode']);
  const pc4 = isPc4(asked) ? asked : pc4Of(asked);
  if (pc4 === undefined) {
    throw new HttpProblem('USAGE_INVALID', `'${asked}' is no postcode (3531 or 3531 CL)`, {
      status: 400,
    });
  }
  const municipality = await context.registry.servingPostcode(pc4);
  if (municipality === undefined) {
    throw new HttpProblem('POSTCODE_UNSERVED', `no municipality serves postal area ${pc4}`, {
      status: 404,
    });
  }
  if (municipality.status !== 'active') {
    throw new HttpProblem(
      'RECIPIENT_SUSPENDED',
      `postal area ${pc4} is served by ${municipality.oin}, which is suspended: it takes no signals now`,
      { status: 404 },
    );
  }
  res.json({ postcode: pc4, municipality: directoryEntryOf(municipality) });
}

/** A registered certificate by its `x5t#S256` thumbprint: to verify a sender's signature. */
async function certificate(context: RestContext, req: Request, res: Response): Promise<void> {
  const thumbprint = String(req.params['thumbprint']);
  const record = THUMBPRINT.test(thumbprint)
    ? await context.registry.byThumbprint(thumbprint)
    : undefined;
  if (record === undefined) {
    throw new HttpProblem('CERT_UNKNOWN', `no registered certificate ${thumbprint}`, {
      status: 404,
    });
  }
  const info = inspectCertificate(record.certificate);
  res.json({
    thumbprint,
    ...(info.oin === undefined ? {} : { oin: info.oin }),
    status: record.status,
    validFrom: info.validFrom.toISOString(),
    validTo: info.validTo.toISOString(),
    certificatePem: record.certificate.toString(),
  });
}
