/**
 * `npm run demo` / `knooppunt demo`: the demo's printed summary is what its ledger holds. The
 * run keeps its data folder; the test opens the ledger file afterwards and checks the
 * conversation, each creditor's final amounts against the schuldregeling-akkoord it received,
 * the refusal, the borgstelling, and the ledger's tamper evidence.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runDemo } from '../../src/demo/demo.ts';
import type { DemoResult } from '../../src/demo/demo.ts';
import { devParticipant } from '../../src/devnet/dev_network.ts';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import { verifyChain } from '../../src/ledger/verify_chain.ts';
import { rabbitAvailable } from '../support/amqp.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { freshEnvironment, knooppunt } from '../unit/cli/run_cli.ts';

for (const transport of ['rest', 'amqp'] as const) {
  describe(`the demo over ${transport}: one schuldregeling, and its output matches the ledger`, function () {
    this.timeout(120_000);
    let result: DemoResult;
    let ledger: SqliteLedger;
    const lines: string[] = [];

    before(async function () {
      if (transport === 'amqp') {
        requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
      }
      result = await runDemo({ keep: true, transport, out: (line) => lines.push(line) });
      ledger = new SqliteLedger(join(result.dataDir, 'ledger.sqlite'));
      await ledger.init();
    });
    after(async () => {
      await ledger?.close();
      if (result !== undefined) rmSync(result.dataDir, { recursive: true, force: true });
    });

    it('prints a timeline and a summary table of all 14 creditors', () => {
      expect(lines.filter((line) => / → .* accepted/.test(line))).to.have.length(result.messages);
      for (const row of result.summary) {
        expect(
          lines.some((line) => line.startsWith(row.name)),
          row.name,
        ).to.equal(true);
      }
      expect(result.summary).to.have.length(14);
      expect(lines.at(-2)).to.match(/verified intact/);
    });

    it('opens with an early signal routed by postcode to Gemeente Utrecht, answered bereikt', async () => {
      const signalLine = lines.find((line) => line.includes('signaal-betalingsachterstand'));
      expect(signalLine).to.match(/energie\s+→ gemeente\s+signaal-betalingsachterstand\s+accepted/);
      expect(signalLine).to.include('postcode 3531 CK → Gemeente Utrecht');
      const signals = await ledger.searchMessages({
        messageType: 'signaal-betalingsachterstand',
        limit: 10,
      });
      expect(signals.items).to.have.length(1);
      const [signal] = signals.items;
      expect(signal).to.include({
        sender: devParticipant('energie')?.oin,
        recipient: devParticipant('gemeente')?.oin,
        status: 'picked-up',
      });
      expect(signal?.envelope.postcode).to.equal('3531');
      const answers = await ledger.listConversation(signal?.conversationId ?? '');
      expect(answers.map((m) => [m.messageType, m.metadata])).to.deep.equal([
        ['signaal-betalingsachterstand', { vasteLast: 'energie' }],
        ['signaal-uitkomst', { uitkomst: 'bereikt' }],
      ]);
    });

    it('keeps every message of the case in the ledger, picked up', async () => {
      const conversation = await ledger.listConversation(result.conversationId);
      // 14 kennisgevingen + 14 saldoverzoeken + 14 answers + 13 proposals + 13 answers +
      // heroverweging + its answer + 13 akkoorden; the borgstelling has its own conversation.
      expect(conversation).to.have.length(83);
      // … and the early signal and its outcome in a conversation of their own.
      expect(result.messages).to.equal(87);
      expect(conversation.every((m) => m.status === 'picked-up')).to.equal(true);
      expect(conversation.every((m) => m.transport === transport)).to.equal(true);
    });

    it('offers what the summary says, to the cent, summing to the saneringskrediet', async () => {
      const conversation = await ledger.listConversation(result.conversationId);
      const offered = result.summary.reduce((sum, row) => sum + row.offered, 0);
      expect(offered).to.equal(result.krediet);
      for (const row of result.summary) {
        const oin = devParticipant(row.handle)?.oin;
        const akkoord = conversation.find(
          (m) => m.messageType === 'schuldregeling-akkoord' && m.recipient === oin,
        );
        if (row.outcome === 'geen medewerking') {
          expect(akkoord, row.handle).to.equal(undefined);
          expect(row.offered).to.equal(0);
          expect(
            conversation.some((m) => m.messageType === 'geen-medewerking' && m.sender === oin),
          ).to.equal(true);
          continue;
        }
        const [line] = (akkoord?.payload as { vorderingen: Record<string, unknown>[] }).vorderingen;
        expect(line, row.handle).to.include({
          prognoseEindbedrag: row.offered,
          percentage: row.percentage,
          actueelBedrag: row.claim,
          preferent: row.preferent,
        });
      }
    });

    it('records the refusal, the heroverweging and the borgstelling', async () => {
      const refuser = result.summary.find((row) => row.outcome === 'akkoord na heroverweging');
      const oin = devParticipant(refuser?.handle ?? '')?.oin;
      const conversation = await ledger.listConversation(result.conversationId);
      const answers = conversation.filter(
        (m) => m.messageType === 'betaalvoorstel-antwoord' && m.sender === oin,
      );
      expect(answers.map((m) => (m.payload as { besluit: string }).besluit)).to.deep.equal([
        'afwijzing',
        'akkoord',
      ]);
      expect(conversation.filter((m) => m.messageType === 'heroverweging')).to.have.length(1);
      const kredietbank = devParticipant('kredietbank')?.oin as string;
      const mailbox = await ledger.listMailbox({ recipient: kredietbank, limit: 10 });
      expect(mailbox.items).to.have.length(0); // the besluit was picked up
      expect(result.summary.filter((row) => row.outcome === 'vooraf akkoord')).to.have.length(4);
    });

    it('leaves a ledger that verifies from its file', async () => {
      const report = await verifyChain(ledger);
      expect(report.problems).to.deep.equal([]);
      expect(report.events).to.equal(result.ledger.events);
    });

    // The command once (over REST): it is the command under test here, not the case.
    if (transport === 'rest')
      it('runs as `knooppunt demo --json` with exit code 0', async () => {
        const { env } = freshEnvironment();
        const run = await knooppunt({ env }, 'demo', '--json', '--seed', '7');
        expect(run.code, run.err).to.equal(0);
        const printed = JSON.parse(run.out) as DemoResult;
        expect(printed.ledger.ok).to.equal(true);
        expect(printed.summary.reduce((sum, row) => sum + row.offered, 0)).to.equal(
          printed.krediet,
        );
      });
  });
}
