import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { el, escapeXmlAttr, escapeXmlText, writeXml } from './xml-writer';

describe('xml-writer', () => {
  it('escapes markup characters in text', () => {
    expect(escapeXmlText('a & b < c > d "e" \'f\'')).toBe('a &amp; b &lt; c &gt; d "e" \'f\'');
    expect(escapeXmlText(']]>')).toBe(']]&gt;');
    expect(escapeXmlText('&amp;')).toBe('&amp;amp;');
  });

  it('escapes quotes and whitespace in attributes', () => {
    expect(escapeXmlAttr('a&b"c\'d<e>\tf\ng\rh')).toBe('a&amp;b&quot;c&apos;d&lt;e&gt;&#9;f&#10;g&#13;h');
  });

  it('drops characters XML 1.0 cannot hold and keeps all others', () => {
    expect(escapeXmlText('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g')).toBe('abcdefg');
    expect(escapeXmlText('tab\tnl\ncr\r € 😀 ü')).toBe('tab\tnl\ncr\r € 😀 ü');
  });

  it('writes a well-formed document that parses back to the same values', () => {
    const nasty = `<script>alert("x")</script> & ]]> 'q'`;
    const xml = writeXml(el('root', { a: nasty }, [el('t', undefined, nasty), el('empty', { b: '1' }), el('list', undefined, [])]));
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', trimValues: false }).parse(xml);
    expect(parsed.root['@_a']).toBe(nasty);
    expect(parsed.root.t).toBe(nasty);
    expect(xml).toContain('<empty b="1"/>');
    expect(xml).toContain('<list/>');
  });
});
