import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  allMessageTypes,
  isMessageType,
  KnooppuntError,
  mayAnswer,
  mayReceiveInModule,
  maySendInModule,
  MESSAGE_TYPES,
  messageTypeSpec,
  MODULES,
  PARTICIPANT_KINDS,
  resolveMessageType,
  roleOf,
} from '@knooppunt/standard';
import type { MessageTypeName, Role } from '@knooppunt/standard';
import { requirePrecondition } from '../../support/preconditions.ts';

const DOMAIN_MD = new URL('../../../../shared/DOMAIN.md', import.meta.url);

/** DOMAIN.md's module table, transcribed: type → senders, recipients, answers. */
const SHV: Role[] = ['schuldhulpverlener', 'kredietbank'];
const EXPECTED: Record<string, { from: Role[]; to: Role[]; answers: MessageTypeName[] }> = {
  kennisgeving: {
    from: SHV,
    to: ['schuldeiser'],
    answers: ['kennisgeving-antwoord', 'geen-medewerking'],
  },
  saldoverzoek: {
    from: [...SHV, 'bewindvoerder'],
    to: ['schuldeiser'],
    answers: ['saldoverzoek-antwoord', 'saldoverzoek-antwoord-vooraf-akkoord', 'geen-medewerking'],
  },
  betaalvoorstel: { from: SHV, to: ['schuldeiser'], answers: ['betaalvoorstel-antwoord'] },
  heroverweging: { from: SHV, to: ['schuldeiser'], answers: ['betaalvoorstel-antwoord'] },
  'schuldregeling-akkoord': { from: SHV, to: ['schuldeiser'], answers: [] },
  'schuldregeling-beeindigd': { from: SHV, to: ['schuldeiser'], answers: [] },
  'betalingsregeling-voorstel': {
    from: [...SHV, 'bewindvoerder'],
    to: ['schuldeiser'],
    answers: ['betalingsregeling-antwoord'],
  },
  'melding-bewind': { from: ['bewindvoerder'], to: ['schuldeiser'], answers: [] },
  'aanvraag-borgstelling': {
    from: ['kredietbank'],
    to: ['waarborgfonds'],
    answers: ['borgstelling-besluit'],
  },
  'uitbetaling-borgstelling': {
    from: ['kredietbank'],
    to: ['waarborgfonds'],
    answers: ['borgstelling-besluit'],
  },
  'beeindiging-borgstelling': {
    from: ['kredietbank'],
    to: ['waarborgfonds'],
    answers: ['borgstelling-besluit'],
  },
};

describe('catalogue', () => {
  it('holds at least 18 message types, every one with a spec', () => {
    expect(MESSAGE_TYPES.length).to.be.at.least(18);
    for (const name of MESSAGE_TYPES) expect(messageTypeSpec(name).name).to.equal(name);
  });

  for (const [name, row] of Object.entries(EXPECTED)) {
    it(`declares ${name} as DOMAIN.md's table says (senders, recipients, answers)`, () => {
      const spec = messageTypeSpec(name);
      expect([...spec.senderRoles]).to.have.members(row.from);
      expect([...spec.recipientRoles]).to.have.members(row.to);
      expect([...spec.answeredBy]).to.include.members(row.answers);
      // A kennisgeving's answer is optional (DOMAIN.md), so it runs no deadline.
      const answerExpected = row.answers.length > 0 && name !== 'kennisgeving';
      expect(spec.answerDeadlineWorkingDays !== undefined).to.equal(answerExpected);
    });
  }

  it('lets every request answered by creditors run on the 10-working-day term', () => {
    for (const name of [
      'saldoverzoek',
      'betaalvoorstel',
      'heroverweging',
      'betalingsregeling-voorstel',
    ]) {
      expect(messageTypeSpec(name).answerDeadlineWorkingDays, name).to.equal(10);
    }
  });

  it('puts statusverzoek and statusbericht in every module of a debt case, between all roles', () => {
    for (const name of ['statusverzoek', 'statusbericht']) {
      expect([...messageTypeSpec(name).modules]).to.have.members(
        MODULES.filter((module) => module !== 'vroegsignalering'),
      );
    }
    expect(mayAnswer('statusverzoek', 'statusbericht')).to.equal(true);
  });

  it('names in answeredBy only types that require or allow inReplyTo, and vice versa', () => {
    const answers = new Set(allMessageTypes().flatMap((spec) => [...spec.answeredBy]));
    for (const spec of allMessageTypes()) {
      if (answers.has(spec.name)) expect(spec.inReplyTo, spec.name).to.not.equal('forbidden');
      if (spec.inReplyTo === 'required') expect(answers.has(spec.name), spec.name).to.equal(true);
    }
  });

  it('closes a conversation only with schuldregeling-beeindigd and a signal’s outcome', () => {
    const closing = allMessageTypes().filter((spec) => spec.conversation === 'closes');
    expect(closing.map((spec) => spec.name)).to.deep.equal([
      'schuldregeling-beeindigd',
      'signaal-uitkomst',
    ]);
  });

  it('resolves a type only in its own module and at a known version, with stable codes', () => {
    expect(resolveMessageType('schuldinventarisatie', 'saldoverzoek', '2.0').name).to.equal(
      'saldoverzoek',
    );
    const codeOf = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        return (error as KnooppuntError).code;
      }
      return 'none';
    };
    expect(codeOf(() => resolveMessageType('waarborgfonds', 'saldoverzoek', '2.0'))).to.equal(
      'MODULE_MISMATCH',
    );
    expect(codeOf(() => resolveMessageType('hypotheek', 'saldoverzoek', '2.0'))).to.equal(
      'MODULE_UNKNOWN',
    );
    expect(codeOf(() => resolveMessageType('schuldregeling', 'saldoverzoek', '9.9'))).to.equal(
      'MESSAGE_TYPE_UNKNOWN',
    );
    expect(codeOf(() => resolveMessageType('schuldregeling', 'brief', '2.0'))).to.equal(
      'MESSAGE_TYPE_UNKNOWN',
    );
    expect(isMessageType('brief')).to.equal(false);
  });

  it("grants module access per participant kind as DOMAIN.md's second table says", () => {
    expect(maySendInModule('schuldhulpverlener-fase-1', 'schuldregeling')).to.equal(false);
    expect(maySendInModule('schuldhulpverlener-fase-1', 'schuldinventarisatie')).to.equal(true);
    expect(maySendInModule('schuldhulpverlener-fase-2', 'schuldregeling')).to.equal(true);
    expect(maySendInModule('kredietbank', 'waarborgfonds')).to.equal(true);
    expect(mayReceiveInModule('schuldeiser', 'meldingen-bewindvoering')).to.equal(true);
    expect(maySendInModule('schuldeiser', 'meldingen-bewindvoering')).to.equal(false);
    expect(maySendInModule('bewindvoerder', 'schuldregeling')).to.equal(false);
    expect(maySendInModule('bewindvoerder', 'meldingen-bewindvoering')).to.equal(true);
    expect(maySendInModule('overige-schuldhulpverlener', 'betalingsregeling')).to.equal(true);
    expect(maySendInModule('overige-schuldhulpverlener', 'schuldregeling')).to.equal(false);
    for (const kind of PARTICIPANT_KINDS) expect(roleOf(kind)).to.be.a('string');
  });

  it("contains every message type that DOMAIN.md's module table names", function () {
    requirePrecondition(this, existsSync(DOMAIN_MD), `../shared/DOMAIN.md (${DOMAIN_MD.pathname})`);
    const table =
      readFileSync(DOMAIN_MD, 'utf8').split('## Modules, message types, senders')[1] ?? '';
    const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.includes('---'));
    const named = new Set<string>();
    for (const row of rows.slice(1)) {
      const cells = row.split('|').map((cell) => cell.trim());
      // The type column and the answer column: words like `betaalvoorstel-antwoord`.
      for (const cell of [cells[2] ?? '', cells[4] ?? '']) {
        for (const word of cell.match(/\b[a-z]+(?:-[a-z]+)*\b/g) ?? []) {
          if (
            /^(kennisgeving|saldoverzoek|betaal|herover|schuldregeling-|status|betalingsregeling-|melding-|aanvraag|uitbetaling|beeindiging|borgstelling|geen-)/.test(
              word,
            )
          ) {
            named.add(word);
          }
        }
      }
    }
    expect(named.size).to.be.at.least(18);
    for (const word of named) expect(isMessageType(word), word).to.equal(true);
  });
});
