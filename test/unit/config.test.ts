/**
 * The configuration means what it says: the MongoDB database is the one MONGODB_URL names,
 * unless MONGODB_DB overrides it, and the start-up line says which one and why.
 */
import { expect } from 'chai';
import { describeLedger } from '../../src/cli/context.ts';
import { UsageError } from '@knooppunt/standard';
import { databaseOfMongoUrl, loadConfig, MAX_DEAD_LETTER_DAYS } from '../../src/config.ts';

describe('configuration', () => {
  it('reads the database from the path of a MongoDB connection string', () => {
    expect(databaseOfMongoUrl('mongodb://127.0.0.1:27017')).to.equal(undefined);
    expect(databaseOfMongoUrl('mongodb://127.0.0.1:27017/')).to.equal(undefined);
    expect(databaseOfMongoUrl('mongodb://127.0.0.1:27017/?replicaSet=rs0')).to.equal(undefined);
    expect(databaseOfMongoUrl('mongodb://h1,h2:27018/ledger?replicaSet=rs0')).to.equal('ledger');
    expect(databaseOfMongoUrl('mongodb+srv://u:p%2F@cluster.example.nl/knooppunt-acc')).to.equal(
      'knooppunt-acc',
    );
    expect(databaseOfMongoUrl('mongodb://h/my%20db')).to.equal('my db');
  });

  it('uses the database MONGODB_URL names, MONGODB_DB over it, and knooppunt when neither names one', () => {
    const url = 'mongodb://127.0.0.1:27017/ketenledger?retryWrites=true';
    expect(loadConfig({ MONGODB_URL: url })).to.include({
      mongodbDatabase: 'ketenledger',
      mongodbDatabaseSource: 'MONGODB_URL',
    });
    expect(loadConfig({ MONGODB_URL: url, MONGODB_DB: 'other' })).to.include({
      mongodbDatabase: 'other',
      mongodbDatabaseSource: 'MONGODB_DB',
    });
    expect(loadConfig({ MONGODB_URL: 'mongodb://127.0.0.1:27017' })).to.include({
      mongodbDatabase: 'knooppunt',
      mongodbDatabaseSource: 'default',
    });
    expect(loadConfig({ MONGODB_URL: url, MONGODB_DB: '' })).to.include({
      mongodbDatabase: 'ketenledger',
    });
  });

  it('refuses MongoDB’s own databases for the ledger, pointing to authSource', () => {
    for (const env of [
      { MONGODB_URL: 'mongodb://hub:geheim@db.example.nl/admin' },
      { MONGODB_URL: 'mongodb://db.example.nl/knooppunt', MONGODB_DB: 'local' },
      { MONGODB_URL: 'mongodb://db.example.nl/config' },
    ]) {
      expect(() => loadConfig(env), JSON.stringify(env))
        .to.throw(UsageError)
        .with.property('code', 'USAGE_INVALID');
    }
    expect(() => loadConfig({ MONGODB_URL: 'mongodb://h/admin' })).to.throw(/authSource=admin/);
    expect(loadConfig({ MONGODB_URL: 'mongodb://h/admin', MONGODB_DB: 'ledger' })).to.include({
      mongodbDatabase: 'ledger',
    });
  });

  it('says at start-up which database is used and where that came from, never a password', () => {
    const line = describeLedger(
      loadConfig({ MONGODB_URL: 'mongodb://hub:geheim@db.example.nl:27017/ketenledger' }),
    );
    expect(line).to.equal(
      'MongoDB mongodb://***@db.example.nl:27017/ketenledger (database ketenledger, named in MONGODB_URL)',
    );
    expect(describeLedger(loadConfig({ MONGODB_URL: 'mongodb://h', MONGODB_DB: 'x' }))).to.include(
      'database x, from MONGODB_DB',
    );
  });

  it('reads the digest’s SMTP server, sender and time, and refuses them malformed without echoing a password', () => {
    expect(loadConfig({})).to.include({
      smtpUrl: undefined,
      mailFrom: undefined,
      digestTime: '07:00',
    });
    expect(
      loadConfig({
        KNOOPPUNT_SMTP_URL: 'smtps://knooppunt:geheim@mail.example.nl:465',
        KNOOPPUNT_MAIL_FROM: 'Knooppunt <noreply@knooppunt.example.nl>',
        KNOOPPUNT_DIGEST_TIME: '06:30',
      }),
    ).to.include({
      smtpUrl: 'smtps://knooppunt:geheim@mail.example.nl:465',
      mailFrom: 'Knooppunt <noreply@knooppunt.example.nl>',
      digestTime: '06:30',
    });
    const refused = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
        return 'accepted';
      } catch (error) {
        expect(error).to.be.instanceOf(UsageError);
        return (error as Error).message;
      }
    };
    expect(refused({ KNOOPPUNT_SMTP_URL: 'http://u:geheim@mail.example.nl' })).to.match(
      /^KNOOPPUNT_SMTP_URL must be/,
    );
    expect(refused({ KNOOPPUNT_SMTP_URL: 'http://u:geheim@mail.example.nl' })).to.not.include(
      'geheim',
    );
    expect(refused({ KNOOPPUNT_SMTP_URL: 'smtp://mail.example.nl' })).to.include(
      'needs KNOOPPUNT_MAIL_FROM',
    );
    expect(refused({ KNOOPPUNT_MAIL_FROM: 'noreply' })).to.match(/^KNOOPPUNT_MAIL_FROM must be/);
    for (const time of ['7:00', '24:00', '07:60', 'morning']) {
      expect(refused({ KNOOPPUNT_DIGEST_TIME: time }), time).to.match(/^KNOOPPUNT_DIGEST_TIME/);
    }
  });

  it('bounds dead letters: 10,000 kept for the payload retention by default, at most 49 days, fractions allowed', () => {
    expect(loadConfig({})).to.include({ deadLetterMax: 10_000, deadLetterDays: 7 });
    expect(loadConfig({ KNOOPPUNT_RETENTION_DAYS: '30' })).to.include({ deadLetterDays: 30 });
    // RabbitMQ's message TTL ends at 2^32 - 1 ms: a longer retention is capped, not refused.
    expect(loadConfig({ KNOOPPUNT_RETENTION_DAYS: '365' })).to.include({
      deadLetterDays: MAX_DEAD_LETTER_DAYS,
    });
    expect(MAX_DEAD_LETTER_DAYS * 86_400_000).to.be.below(2 ** 32);
    expect(
      loadConfig({ KNOOPPUNT_DEAD_LETTER_MAX: '2', KNOOPPUNT_DEAD_LETTER_DAYS: '0.5' }),
    ).to.include({ deadLetterMax: 2, deadLetterDays: 0.5 });
    for (const [name, text] of [
      ['KNOOPPUNT_DEAD_LETTER_MAX', '0'],
      ['KNOOPPUNT_DEAD_LETTER_MAX', '100001'],
      ['KNOOPPUNT_DEAD_LETTER_MAX', '1.5'],
      ['KNOOPPUNT_DEAD_LETTER_DAYS', '50'],
      ['KNOOPPUNT_DEAD_LETTER_DAYS', '-1'],
      ['KNOOPPUNT_DEAD_LETTER_DAYS', ' '],
      ['KNOOPPUNT_DEAD_LETTER_DAYS', '1e3'],
      ['KNOOPPUNT_DEAD_LETTER_DAYS', 'week'],
    ] as const) {
      expect(() => loadConfig({ [name]: text }), `${name}=${text}`)
        .to.throw(UsageError, name)
        .with.property('code', 'USAGE_INVALID');
    }
  });

  it('bounds how long a ledger operation waits for MongoDB: 5 s by default, from MONGODB_SERVER_SELECTION_TIMEOUT_MS', () => {
    expect(loadConfig({})).to.include({ mongodbServerSelectionTimeoutMs: 5000 });
    expect(loadConfig({ MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1500' })).to.include({
      mongodbServerSelectionTimeoutMs: 1500,
    });
    for (const text of ['0', '99', '120001', '2s']) {
      expect(() => loadConfig({ MONGODB_SERVER_SELECTION_TIMEOUT_MS: text }), text)
        .to.throw(UsageError, 'MONGODB_SERVER_SELECTION_TIMEOUT_MS')
        .with.property('code', 'USAGE_INVALID');
    }
  });

  it('runs the expiry pass every 60 s unless KNOOPPUNT_PURGE_INTERVAL_SECONDS says otherwise', () => {
    expect(loadConfig({})).to.include({ purgeIntervalSeconds: 60 });
    expect(loadConfig({ KNOOPPUNT_PURGE_INTERVAL_SECONDS: '2' })).to.include({
      purgeIntervalSeconds: 2,
    });
    expect(() => loadConfig({ KNOOPPUNT_PURGE_INTERVAL_SECONDS: '0' })).to.throw(UsageError);
  });

  it('prefetches 64 submissions from the inbound queue unless KNOOPPUNT_AMQP_PREFETCH says otherwise', () => {
    expect(loadConfig({})).to.include({ amqpPrefetch: 64 });
    expect(loadConfig({ KNOOPPUNT_AMQP_PREFETCH: '256' })).to.include({ amqpPrefetch: 256 });
    expect(() => loadConfig({ KNOOPPUNT_AMQP_PREFETCH: '0' })).to.throw(UsageError);
    expect(() => loadConfig({ KNOOPPUNT_AMQP_PREFETCH: '1001' })).to.throw(UsageError);
  });

  it('takes a short expiry in seconds on development and test hubs only', () => {
    expect(loadConfig({}).expirySeconds).to.equal(undefined);
    expect(loadConfig({ KNOOPPUNT_EXPIRY_SECONDS: '20' })).to.include({ expirySeconds: 20 });
    const production = { MONGODB_URL: 'mongodb://db.example.nl/knooppunt' };
    expect(() => loadConfig({ ...production, KNOOPPUNT_EXPIRY_SECONDS: '20' }))
      .to.throw(UsageError, 'KNOOPPUNT_DEV_BOOTSTRAP')
      .with.property('code', 'USAGE_INVALID');
    expect(
      loadConfig({ ...production, KNOOPPUNT_DEV_BOOTSTRAP: 'true', KNOOPPUNT_EXPIRY_SECONDS: '5' }),
    ).to.include({ expirySeconds: 5 });
    expect(() => loadConfig({ KNOOPPUNT_EXPIRY_SECONDS: '0' })).to.throw(UsageError);
  });

  it('runs one hub process unless KNOOPPUNT_PROCESSES asks for 2 to 64', () => {
    expect(loadConfig({})).to.include({ processes: 1 });
    expect(loadConfig({ KNOOPPUNT_PROCESSES: '' })).to.include({ processes: 1 });
    expect(loadConfig({ KNOOPPUNT_PROCESSES: '2' })).to.include({ processes: 2 });
    expect(loadConfig({ KNOOPPUNT_PROCESSES: '64' })).to.include({ processes: 64 });
    for (const text of ['0', '65', '1.5', 'two', '-2']) {
      expect(() => loadConfig({ KNOOPPUNT_PROCESSES: text }), text)
        .to.throw(
          UsageError,
          `KNOOPPUNT_PROCESSES must be a whole number from 1 to 64, got '${text}'`,
        )
        .with.property('code', 'USAGE_INVALID');
    }
  });
});
