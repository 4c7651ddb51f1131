/**
 * Routing by postcode (vroegsignalering; docs/catalogue.md): a creditor of fixed costs knows
 * where the person lives, not which municipality to send to, so it looks the municipality up in
 * the directory by postcode and names it as the recipient (the envelope is signed end to end, so
 * the hub does not choose it). The hub then checks the choice on the envelope alone — its
 * `postcode` (PC4) and recipient, ready for payloads the hub cannot read — and, while it can
 * read the payload, that the address lies in that postal area. Pure: the pipeline loads the
 * municipality serving the area, this judges.
 */
import { SIGNAL_POSTCODE_POINTER, signalPc4, signalPostcode, valueAt } from '@knooppunt/standard';
import type { Reason } from '@knooppunt/standard';
import type { AuthorisationFacts } from './rules.ts';

/** Every reason the postcode routing of a message fails; none for a type routed by recipient. */
export function postcodeReasons(facts: AuthorisationFacts): Reason[] {
  const { envelope, spec, payload, recipient, responsible } = facts;
  if (spec.routing !== 'postcode') {
    return envelope.postcode === undefined
      ? []
      : [
          {
            code: 'POSTCODE_NOT_ALLOWED',
            detail: `${spec.name} is not routed by postcode: its envelope carries no postcode`,
            pointer: '/envelope/postcode',
          },
        ];
  }
  const area = envelope.postcode;
  if (area === undefined) {
    return [
      {
        code: 'POSTCODE_REQUIRED',
        detail: `${spec.name} is routed by postcode: the envelope names the postal area (PC4)`,
        pointer: '/envelope/postcode',
      },
    ];
  }
  const reasons: Reason[] = [];
  if (signalPostcode(payload) !== undefined && signalPc4(payload) !== area) {
    reasons.push({
      code: 'POSTCODE_MISMATCH',
      detail: `the payload's postcode is not in the envelope's postal area ${area}`,
      pointer: `/payload${SIGNAL_POSTCODE_POINTER}`,
    });
  }
  if (responsible === undefined) {
    reasons.push({
      code: 'POSTCODE_UNSERVED',
      detail: `no municipality in the directory serves postal area ${area}`,
      pointer: '/envelope/postcode',
    });
  } else if (recipient !== undefined && recipient.oin !== responsible.oin) {
    // The directory is public: naming the municipality that serves the area helps the sender.
    reasons.push({
      code: 'RECIPIENT_NOT_RESPONSIBLE',
      detail: `postal area ${area} is served by ${responsible.name} (${responsible.oin}), not by ${recipient.oin}`,
      pointer: '/envelope/recipient',
    });
  }
  return reasons;
}

/**
 * A signal comes from a creditor of fixed costs (Wgs art. 3a): the sender must have declared, in
 * its record, the kind of fixed cost the payload names (`vasteLast`, which the catalogue has the
 * hub read for the reach figures).
 */
export function fixedCostReasons(facts: AuthorisationFacts): Reason[] {
  const { spec, payload, sender } = facts;
  const pointer = spec.hubReads.get('vasteLast');
  if (pointer === undefined) return [];
  const kind = valueAt(payload, pointer);
  const declared: readonly string[] = sender.vasteLasten ?? [];
  if (typeof kind === 'string' && declared.includes(kind)) return [];
  return [
    {
      code: 'ROLE_NOT_ALLOWED',
      detail:
        declared.length === 0
          ? `${sender.oin} declares no kind of fixed cost: only a creditor of fixed costs sends ${spec.name}`
          : `${sender.oin} declares ${declared.join(', ')}, not ${String(kind)}`,
      pointer: `/payload${pointer}`,
    },
  ];
}
