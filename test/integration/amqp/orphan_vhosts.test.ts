/**
 * The test vhosts of a killed run (issue 14's review): `removeOrphanVhosts`, which the bench
 * calls before its AMQP rows, deletes the vhosts whose process no longer runs and leaves those
 * of running processes alone, against the real RabbitMQ.
 */
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import {
  createTestVhost,
  management,
  rabbitAvailable,
  removeOrphanVhosts,
} from '../../support/amqp.ts';
import { requirePrecondition } from '../../support/preconditions.ts';

/** The pid of a process that has ended. */
function endedPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '0']);
  if (pid === undefined) throw new Error('could not start a process');
  return pid;
}

async function vhostExists(name: string): Promise<boolean> {
  return (await management('GET', `/api/vhosts/${name}`)).status === 200;
}

describe('test support: vhosts left by killed runs', function () {
  this.timeout(30_000);

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
  });

  it("deletes a vhost whose process has ended and keeps a running process's", async () => {
    const orphan = `knooppunt-test-${endedPid()}-0badc0de`;
    await management('PUT', `/api/vhosts/${orphan}`, {});
    const own = await createTestVhost();
    const unrelated = `knooppunt-other-${endedPid()}-0badc0de`;
    await management('PUT', `/api/vhosts/${unrelated}`, {});
    try {
      const removed = await removeOrphanVhosts();
      expect(removed).to.include(orphan);
      expect(removed).not.to.include(own.name);
      expect(await vhostExists(orphan)).to.equal(false);
      expect(await vhostExists(own.name)).to.equal(true);
      expect(await vhostExists(unrelated)).to.equal(true);
    } finally {
      await own.remove();
      await management('DELETE', `/api/vhosts/${orphan}`);
      await management('DELETE', `/api/vhosts/${unrelated}`);
    }
  });
});
