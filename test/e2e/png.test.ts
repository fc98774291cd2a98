import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, markTintShare } from './png.js';

function png(width: number, height: number, rgb: [number, number, number][], filter = 0): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(filter);
    for (let x = 0; x < width; x++) {
      const px = rgb[y * width + x]!;
      const left = x > 0 ? rgb[y * width + x - 1]! : [0, 0, 0];
      for (let c = 0; c < 3; c++) rows.push(filter === 1 ? (px[c]! - left[c]! + 256) & 0xff : px[c]!);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('PNG pixels (for painted-mark checks)', () => {
  it('reads RGB pixels through the Sub filter and tells the mark tint from white and text', () => {
    const tint: [number, number, number] = [255, 237, 166];
    const img = decodePng(png(2, 2, [tint, [255, 255, 255], [0, 0, 0], tint], 1));
    expect([...img.data.slice(0, 8)]).toEqual([255, 237, 166, 255, 255, 255, 255, 255]);
    expect(markTintShare(img)).toBe(0.5);
  });
});
