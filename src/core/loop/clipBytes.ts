// Clips to and from one byte array, exactly (float32 values kept bit for bit), for checkpoints of a loop run:
// "SCSCCL01" | uint32 LE header length | UTF-8 JSON header (per clip: id, label, caption, fps, nFrames, flight,
// meta) | zero padding to 4 bytes | per clip rootPos then rotations as float32 LE.

import type { Clip } from '../motion/clip';
import { NUM_JOINTS } from '../motion/skeleton';

const MAGIC = 'SCSCCL01';

interface ClipHeader {
  id: string;
  label: string;
  caption: string;
  fps: number;
  nFrames: number;
  flight?: number[];
  meta?: Record<string, number | string | boolean>;
}

export function clipsToBytes(clips: readonly Clip[]): Uint8Array {
  const header: ClipHeader[] = clips.map((c) => ({
    id: c.id, label: c.label, caption: c.caption, fps: c.fps, nFrames: c.nFrames,
    ...(c.flight ? { flight: Array.from(c.flight) } : {}),
    ...(c.meta ? { meta: c.meta } : {}),
  }));
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((MAGIC.length + 4 + json.length) / 4) * 4;
  const floats = clips.reduce((s, c) => s + c.rootPos.length + c.rotations.length, 0);
  const buf = new ArrayBuffer(start + floats * 4);
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  new DataView(buf).setUint32(MAGIC.length, json.length, true);
  bytes.set(json, MAGIC.length + 4);
  const f = new Float32Array(buf, start, floats);
  let o = 0;
  for (const c of clips) {
    f.set(c.rootPos, o);
    o += c.rootPos.length;
    f.set(c.rotations, o);
    o += c.rotations.length;
  }
  return bytes;
}

export function clipsFromBytes(bytes: Uint8Array, where = 'clips'): Clip[] {
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (bytes.length < MAGIC.length + 4 || magic !== MAGIC) throw new Error(`${where}: not an SCSC clip file (missing "${MAGIC}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(MAGIC.length, true);
  if (MAGIC.length + 4 + len > bytes.length) throw new Error(`${where}: truncated header`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + len))) as ClipHeader[];
  const start = Math.ceil((MAGIC.length + 4 + len) / 4) * 4;
  const data = new Float32Array(bytes.slice(start).buffer);
  const need = header.reduce((s, h) => s + h.nFrames * 3 + h.nFrames * NUM_JOINTS * 4, 0);
  if (data.length !== need) throw new Error(`${where}: ${data.length} values stored, the header describes ${need}`);
  let o = 0;
  return header.map((h) => {
    const rootPos = data.slice(o, o + h.nFrames * 3);
    o += h.nFrames * 3;
    const rotations = data.slice(o, o + h.nFrames * NUM_JOINTS * 4);
    o += h.nFrames * NUM_JOINTS * 4;
    const c: Clip = { id: h.id, label: h.label, caption: h.caption, fps: h.fps, nFrames: h.nFrames, rootPos, rotations };
    if (h.flight) c.flight = Uint8Array.from(h.flight);
    if (h.meta) c.meta = h.meta;
    return c;
  });
}
