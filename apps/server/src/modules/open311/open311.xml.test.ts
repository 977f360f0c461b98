import { describe, expect, it } from 'vitest';
import { escapeXml, xmlDocument } from './open311.xml';

describe('the Open311 XML writer', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('names array items after their list, and writes null as an empty element', () => {
    expect(xmlDocument('services', [{ service_code: 'a&b', metadata: true, group: null }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>a&amp;b</service_code><metadata>true</metadata><group/></service></services>\n',
    );
    expect(xmlDocument('discovery', { endpoints: [{ formats: ['text/xml'] }] })).toContain('<endpoints><endpoint><formats><format>text/xml</format></formats></endpoint></endpoints>');
  });
});
