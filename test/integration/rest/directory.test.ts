import { expect } from 'chai';
import { problemOf } from '../../support/rest_client.ts';
import type { RestClient } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

describe('REST transport: schemas and participant directory', () => {
  let testHub: TestHub;
  let creditor: RestClient;

  before(async () => {
    testHub = await startTestHub();
    creditor = testHub.client('energie');
  });
  after(() => testHub.stop());

  it('lists every message schema with its catalogue traits', async () => {
    const response = await creditor.schemas();
    expect(response.status).to.equal(200);
    const byType = new Map(response.body.items.map((item) => [item.messageType, item]));
    expect(byType.size).to.equal(testHub.hub.schemas.listMessageSchemas().length);
    expect(byType.get('saldoverzoek')).to.deep.include({
      version: '2.0',
      $id: 'https://schemas.knooppunt.nl/berichten/saldoverzoek/2.0',
      conversation: 'opens',
      answerDeadlineWorkingDays: 10,
      sentByHub: false,
    });
    expect(byType.get('saldoverzoek')?.recipientRoles).to.deep.equal(['schuldeiser']);
    expect(byType.get('saldoverzoek')?.answeredBy).to.include('saldoverzoek-antwoord');
    expect(byType.get('verloopmelding')).to.deep.include({ sentByHub: true, senderRoles: [] });
  });

  it('serves one schema as application/schema+json, and 404 SCHEMA_UNKNOWN_TYPE for none', async () => {
    const response = await creditor.raw('GET', '/v1/schemas/saldoverzoek/2.0');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/schema\+json/);
    expect(response.body['$id']).to.equal(
      'https://schemas.knooppunt.nl/berichten/saldoverzoek/2.0',
    );
    const missing = await creditor.raw('GET', '/v1/schemas/saldoverzoek/9.9');
    expect(missing.status).to.equal(404);
    expect(problemOf(missing).code).to.equal('SCHEMA_UNKNOWN_TYPE');
  });

  it('lists active participants by module, without certificates or status', async () => {
    const response = await creditor.participants('waarborgfonds');
    expect(response.status).to.equal(200);
    const oins = response.body.items.map((entry) => entry.oin);
    expect(oins).to.include(devOin('waarborgfonds'));
    expect(oins).not.to.include(devOin('energie'));
    for (const entry of response.body.items) {
      expect(entry.modules).to.include('waarborgfonds');
      expect(entry).not.to.have.any.keys('certificates', 'status');
    }
    const all = await creditor.participants();
    expect(all.body.items.length).to.be.greaterThan(oins.length);
  });

  it('leaves suspended participants out of the directory', async () => {
    await testHub.hub.registry.setStatus(devOin('webwinkel'), 'suspended');
    const response = await creditor.participants();
    expect(response.body.items.map((entry) => entry.oin)).not.to.include(devOin('webwinkel'));
  });

  it('answers an unknown module with 400 USAGE_INVALID', async () => {
    const response = await creditor.participants('astrologie');
    expect(response.status).to.equal(400);
    expect(problemOf(response).code).to.equal('USAGE_INVALID');
  });

  it('requires authentication for schemas and the directory', async () => {
    for (const path of ['/v1/schemas', '/v1/participants', '/v1/schemas/saldoverzoek/2.0']) {
      const response = await creditor.raw('GET', path, { auth: 'none' });
      expect(response.status, path).to.equal(401);
    }
  });
});
