import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { blockNormalizeLink } from '../../server/src/core/markdown/blocks';
import { mentionsOf, miniService } from '../helpers/fixtures';
import { checkProperty } from '../helpers/property';

suite('reference definitions: link destinations as the block parser needs them', () => {
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
  const normalize = blockNormalizeLink(md.normalizeLink);

  test('every destination gets the verdict markdown-it gives it normalised', () => {
    const pieces = ['http://', 'https://', 'HTTP://', 'hTtPs://', 'javascript:', 'JavaScript:', 'vbscript:', 'file:', 'data:', 'data:image/png;', 'data:text/html,', 'mailto:', '//', '/', ' ', '\u00a0', '\t', 'ä', 'example.org', 'xn--', '%', '%3A', ':', '@', '?', '#', '(', ')', 'a', '1'];
    checkProperty(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 6 }), (parts) => {
        const url = parts.join('');
        assert.equal(md.validateLink(normalize(url)), md.validateLink(md.normalizeLink(url)), JSON.stringify(url));
      }),
      2000,
    );
  });

  test('a definition with a forbidden protocol stays prose; an http(s) one is left out', () => {
    const service = miniService();
    assert.deepEqual(mentionsOf(service, '[AMMTC]: https://example.org/AMMTC\n'), []);
    assert.deepEqual(mentionsOf(service, '[AMMTC]: HTTPS://example.org/ä\n'), []);
    assert.equal(mentionsOf(service, '[AMMTC]: javascript:alert(1)\n').length, 1);
  });
});
