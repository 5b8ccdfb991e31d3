import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosisToJson } from '../../../src/trace/view/diagnosis-json';
import { code, diagnosisToMarkdown, fence, MARKDOWN_ERROR_LIMIT } from '../../../src/trace/view/diagnosis-markdown';
import { createSyntheticTrace } from '../../support/synthetic-trace';

describe('diagnosis export', () => {
  it('writes the verdict, progress, root cause error, blockers, chain and critical path as Markdown', () => {
    const trace = createSyntheticTrace({ tasks: 300 });
    const d = trace.diagnosis();
    const md = diagnosisToMarkdown(d, { endpoint: 'https://armonik.example:5001' });
    assert.match(md, /^## ArmoniK Trace: result `final-result` \(`[0-9a-f-]{36}`\)/);
    assert.match(md, /\*\*Verdict: failed\.\*\*/);
    assert.ok(md.includes(`${d.progress.done.toLocaleString('en-US')} of ${d.progress.total.toLocaleString('en-US')} tasks completed`));
    assert.match(md, /ETA: never/);
    assert.ok(md.includes('### Root causes (1)'));
    assert.ok(md.includes('matrix block 17 is singular'), 'the root cause error is quoted');
    assert.ok(md.includes(`| 1 | task \`${d.blockers[0]!.id}\` | ERROR | failed |`));
    assert.ok(md.includes(d.chains[0]!.map((id) => `\`${id}\``).join(' → ')));
    assert.ok(md.includes('### Critical path'));
    assert.ok(md.includes('`https://armonik.example:5001`'));
  });

  it('keeps hostile text from breaking out of code blocks and tables', () => {
    const nasty = 'boom\n```\n# injected heading\n| a | b |\n\u001b[31m';
    const trace = createSyntheticTrace({ tasks: 50, errorMessage: nasty + 'x'.repeat(MARKDOWN_ERROR_LIMIT * 2), resultName: 'name`with|pipe' });
    const md = diagnosisToMarkdown(trace.diagnosis());
    assert.ok(md.includes('````text'), 'the fence is longer than any backtick run inside');
    assert.ok(!/^# injected heading/m.test(md.replace(/^ {3}/gm, '').split('````')[0]!));
    assert.ok(!md.includes('\u001b'), 'terminal escapes are neutralised');
    assert.match(md, /more characters\)/);
    assert.ok(md.includes('``name`with|pipe``'));
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(fence('x```y'), '````text\nx```y\n````');
  });

  it('writes the full diagnosis as versioned JSON', () => {
    const huge = 'E'.repeat(200_000);
    const trace = createSyntheticTrace({ tasks: 50, errorMessage: huge });
    const doc = JSON.parse(diagnosisToJson(trace.diagnosis(), { endpoint: 'e', now: 0 }));
    assert.equal(doc.format, 'armonik-trace/diagnosis');
    assert.equal(doc.version, 1);
    assert.equal(doc.exportedAt, '1970-01-01T00:00:00.000Z');
    assert.equal(doc.diagnosis.target.id, trace.resultId);
    assert.equal(doc.diagnosis.rootCauses[0].error.length, huge.length, 'JSON keeps the whole error');
    assert.deepEqual(doc.diagnosis.chains, trace.diagnosis().chains);
  });
});
