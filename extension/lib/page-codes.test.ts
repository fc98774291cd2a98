import { describe, expect, it } from 'vitest';
import { pageCodes } from './page-codes.js';
import { pageIsAboutRdp } from './settings.js';

const codes = (text: string, aboutRdp: boolean) => pageCodes(text, aboutRdp).map((d) => d.raw);

describe('codes marked on a page', () => {
  it("on a Remote Desktop site, the web client dialogs' bare codes are marked", () => {
    expect(codes('Your session ended. Error code: 0x3000046', true)).toEqual(['0x3000046']);
    // Undocumented meaning, but labelled as a code by the page: marked (the card says what is known).
    expect(codes('Error code: 0x907', true)).toEqual(['0x907']);
    expect(codes('Error code: 0x907', false)).toEqual(['0x907']);
  });

  it('elsewhere a bare code still needs Remote Desktop words near it', () => {
    expect(codes('Your session ended. Error code: 0x3000046', false)).toEqual([]);
    expect(codes('Remote Desktop: your session ended. Error code: 0x3000046', false)).toEqual(['0x3000046']);
  });

  it('hex that is not a code, and guesses without a label, stay unmarked', () => {
    for (const aboutRdp of [true, false]) {
      expect(codes('Build agent #FF9F0A 0x1F4 {3F2504E0-4F89-11D3-9A0C-0305E82C3301}', aboutRdp)).toEqual([]);
    }
  });

  it('knows which sites are Remote Desktop products', () => {
    expect(pageIsAboutRdp('https://client.wvd.microsoft.com/arm/webclient/index.html')).toBe(true);
    expect(pageIsAboutRdp('https://windows.cloud.microsoft/')).toBe(true);
    // Any other page the content script runs on is an RD Web address the person added.
    expect(pageIsAboutRdp('https://rdweb.contoso.com/RDWeb/webclient/')).toBe(true);
    expect(pageIsAboutRdp('https://portal.azure.com/#blade')).toBe(false);
    expect(pageIsAboutRdp('https://sandbox-1.reactblade.portal.azure.net/x')).toBe(false);
  });
});
