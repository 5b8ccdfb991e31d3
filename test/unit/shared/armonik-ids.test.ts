import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armoniKIdAt, findArmoniKIds, isArmoniKId, isRetryId, parsePastedId } from '../../../src/shared/armonik-ids';

const TASK = '3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7b';
const SESSION = 'A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF';

test('finds task, session and retry IDs in a kubectl log line with their offsets', () => {
  const line = `2024-05-01T10:00:00Z INFO task=${TASK} session="${SESSION}" retry ${TASK}###2 done`;
  const ids = findArmoniKIds(line);
  assert.deepEqual(
    ids.map((m) => [m.id, m.retry, line.slice(m.start, m.end)]),
    [
      [TASK, undefined, TASK],
      [SESSION, undefined, SESSION],
      [`${TASK}###2`, 2, `${TASK}###2`],
    ],
  );
  assert.equal(ids[2]!.baseId, TASK);
});

test('does not take a GUID glued to other word characters for an ID', () => {
  assert.deepEqual(findArmoniKIds(`x${TASK}`), []);
  assert.deepEqual(findArmoniKIds(`${TASK}abc`), []);
  assert.deepEqual(findArmoniKIds(`${TASK}-1`), []);
  assert.deepEqual(findArmoniKIds('3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7'), []);
});

test('an incomplete retry suffix leaves the plain GUID', () => {
  const ids = findArmoniKIds(`${TASK}###x`);
  assert.equal(ids.length, 1);
  assert.equal(ids[0]!.id, TASK);
});

test('finds the ID under a cursor, including at both ends', () => {
  const text = `id: ${TASK} end`;
  assert.equal(armoniKIdAt(text, 4)?.id, TASK);
  assert.equal(armoniKIdAt(text, 4 + TASK.length)?.id, TASK);
  assert.equal(armoniKIdAt(text, 2), undefined);
});

test('validates pasted IDs, tolerating quotes, braces and commas', () => {
  assert.equal(parsePastedId(`  "${TASK}",`), TASK);
  assert.equal(parsePastedId(`{${SESSION}}`), SESSION);
  assert.equal(parsePastedId(`${TASK}###1`), `${TASK}###1`);
  assert.equal(parsePastedId('not-an-id'), undefined);
  assert.equal(parsePastedId(`${TASK} ${SESSION}`), undefined);
  assert.equal(isArmoniKId(TASK), true);
  assert.equal(isArmoniKId(` ${TASK}`), false);
  assert.equal(isRetryId(`${TASK}###12`), true);
  assert.equal(isRetryId(TASK), false);
});
