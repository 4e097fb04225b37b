import { articleLinks, calendarDaysUntil, formatDate, greeting, oneLine, relativeDay } from './format';
import { escapeHtml, paragraph, renderMessage } from './message-layout';

describe('notification formatting', () => {
  describe('formatDate', () => {
    it('writes dates in Dutch, as the day is in Amsterdam', () => {
      expect(formatDate(new Date('2026-11-23T09:00:00Z'))).toBe('23 november 2026');
      expect(formatDate(new Date('2026-05-01T12:00:00Z'))).toBe('1 mei 2026');
      // 23:30 UTC on the 22nd is already the 23rd in Amsterdam (winter time, UTC+1)
      expect(formatDate(new Date('2026-11-22T23:30:00Z'))).toBe('23 november 2026');
      // and in summer time (UTC+2)
      expect(formatDate(new Date('2026-07-14T22:30:00Z'))).toBe('15 juli 2026');
    });
  });

  describe('calendarDaysUntil', () => {
    const now = new Date('2026-11-09T08:00:00Z');

    it('counts calendar days ahead and behind', () => {
      expect(calendarDaysUntil(new Date('2026-11-23T09:00:00Z'), now)).toBe(14);
      expect(calendarDaysUntil(new Date('2026-11-09T22:00:00Z'), now)).toBe(0);
      expect(calendarDaysUntil(new Date('2026-10-19T09:00:00Z'), now)).toBe(-21);
    });

    it('counts days in Amsterdam, not in UTC or in 24-hour blocks', () => {
      expect(calendarDaysUntil(new Date('2026-11-22T23:30:00Z'), new Date('2026-11-22T22:30:00Z'))).toBe(1);
      // across the switch to summer time (29 March 2026): still whole days
      expect(calendarDaysUntil(new Date('2026-04-05T07:00:00Z'), new Date('2026-03-22T08:00:00Z'))).toBe(14);
    });
  });

  it('says relative days in Dutch', () => {
    expect(relativeDay(14)).toBe('over 14 dagen');
    expect(relativeDay(2)).toBe('over 2 dagen');
    expect(relativeDay(1)).toBe('morgen');
    expect(relativeDay(0)).toBe('vandaag');
    expect(relativeDay(-1)).toBe('gisteren');
    expect(relativeDay(-21)).toBe('21 dagen geleden');
  });

  it('builds the article and one-click links from the base URL', () => {
    expect(articleLinks('https://kb.gemeente.nl/', 'a1')).toEqual({
      article: 'https://kb.gemeente.nl/werkplek/artikelen/a1',
      markReviewed: 'https://kb.gemeente.nl/werkplek/artikelen/a1?actie=inhoud-gecontroleerd',
    });
  });

  it('keeps names and titles on one line', () => {
    expect(oneLine('  Paspoort\n aanvragen \t')).toBe('Paspoort aanvragen');
    expect(greeting('Anna de Vries')).toBe('Beste Anna de Vries,');
    expect(greeting(undefined)).toBe('Beste collega,');
    expect(greeting('', 'kennisregisseur')).toBe('Beste kennisregisseur,');
  });

  describe('renderMessage', () => {
    it('escapes every piece of text in the HTML and leaves the plain text as written', () => {
      const evil = `<script>alert(1)</script> & "x" 'y'`;
      const message = renderMessage(evil, [
        paragraph(evil, { strong: evil }),
        { type: 'heading', text: evil },
        { type: 'facts', rows: [{ label: evil, value: evil, url: 'javascript:alert(1)' }] },
        { type: 'actions', links: [{ label: evil, url: 'https://x.nl/?a=1&b="2"' }] },
        { type: 'items', items: [{ title: evil, url: 'https://x.nl/a', details: evil, links: [] }] },
        { type: 'quote', text: evil },
        {
          type: 'diff',
          parts: [
            { op: 'insert', text: evil },
            { op: 'delete', text: evil },
            { op: 'equal', text: evil },
          ],
        },
      ]);
      expect(message.html).not.toContain('<script>');
      expect(message.html).not.toContain('javascript:');
      expect(message.html).toContain(escapeHtml(evil));
      expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;');
      expect(message.html).toContain('href="https://x.nl/?a=1&amp;b=&quot;2&quot;"');
      expect(message.text).toContain(evil);
      expect(message.text).toContain(`[+${evil}+][-${evil}-]${evil}`);
    });

    it('renders a self-contained HTML document: inline styles, no external assets', () => {
      const { html } = renderMessage('Onderwerp', [paragraph('Hallo')]);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('<html lang="nl">');
      expect(html).not.toMatch(/<link|<img|<script|src=|url\(/i);
      expect(html).toContain('<title>Onderwerp</title>');
    });
  });
});
