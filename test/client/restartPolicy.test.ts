import * as assert from 'node:assert/strict';
import { RestartPolicy } from '../../client/src/restartPolicy';

suite('restart policy', () => {
  test('restarts up to the limit within the window, then gives up', () => {
    const policy = new RestartPolicy(3, 60_000);
    assert.deepEqual(policy.crashed(0), { restart: true, attempt: 1 });
    assert.deepEqual(policy.crashed(1000), { restart: true, attempt: 2 });
    assert.deepEqual(policy.crashed(2000), { restart: true, attempt: 3 });
    assert.deepEqual(policy.crashed(3000), { restart: false, crashes: 4 });
  });

  test('crashes older than the window are forgotten, and reset forgets all', () => {
    const policy = new RestartPolicy(2, 60_000);
    policy.crashed(0);
    policy.crashed(10_000);
    assert.deepEqual(policy.crashed(65_000), { restart: true, attempt: 2 });
    policy.reset();
    assert.deepEqual(policy.crashed(65_001), { restart: true, attempt: 1 });
  });
});
