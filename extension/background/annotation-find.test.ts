import { describe, expect, it } from 'vitest';
import { parseFindReply } from '../lib/find-messages.js';
import { answerFind, findCodes } from './annotation-find.js';

describe('codes in page text for the content script', () => {
  it('finds labelled codes with spans into the text and the label people read', () => {
    const text = "Remote Desktop can't connect to the remote computer. Error code: 0x904 Extended error code: 0x7";
    const found = findCodes(text, false);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['0x904', '0x7']);
    expect(found[0]).toMatchObject({ namespace: 'disconnect-reason', code: 0x904, label: '0x904' });
  });

  it('labels event ids in decimal, named codes by their code, and codes without a number by name', () => {
    const [event] = findCodes('Schannel Event ID 36870: A fatal error occurred (RDP listener)', false);
    expect(event?.label).toBe('36870');
    const [name] = findCodes('[ERROR][com.freerdp.core] - ERRCONNECT_CONNECT_TRANSPORT_FAILED', false);
    expect(name?.label).toBe('0x0002000D');
    const [entra] = findCodes('Sign-in failed: AADSTS50076 in the Windows App', false);
    expect(entra).toMatchObject({ hex: null, label: 'AADSTS50076' });
  });

  it('leaves unrelated hex alone and answers one list per text, which the content script accepts', () => {
    const texts = ['Heartbeat ok, handle 0x1f3, flags 0x00000004', 'Error code: 0x3 Extended error code: 0x11', ''];
    const answer = answerFind({ type: 'annotation-find', id: 1, texts }, false);
    expect(answer.map((l) => l.length)).toEqual([0, 2, 0]);
    expect(parseFindReply(answer, texts)).toEqual(answer);
  });

  it("on a Remote Desktop product's own page, the page is the context of a bare labelled code", () => {
    const text = 'Your session ended. Error code: 0x3000046';
    expect(findCodes(text, true).map((f) => text.slice(f.start, f.end))).toEqual(['0x3000046']);
  });
});
