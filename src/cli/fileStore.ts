// A RunStore on a folder (the CLI's checkpoints): key "slot0/baseline.ckpt" is the file DIR/slot0/baseline.ckpt.
// Keys ending in .json hold JSON text, every other key raw bytes. Writes go to a temporary file that is renamed
// over the old one, so a crash mid-write never leaves a half-written file under the key.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunStore, StoreValue } from '../core/loop/store';

export class FileStore implements RunStore {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    if (key === '' || key.split('/').some((p) => p === '' || p === '.' || p === '..') || key.includes('\\')) {
      throw new Error(`file store: bad key "${key}"`);
    }
    return path.join(this.dir, ...key.split('/'));
  }

  async save(key: string, value: StoreValue): Promise<void> {
    const file = this.file(key);
    const isJson = key.endsWith('.json');
    if (isJson === value instanceof Uint8Array) throw new Error(`file store: "${key}" must hold ${isJson ? 'JSON' : 'bytes'}`);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    await writeFile(tmp, value instanceof Uint8Array ? value : JSON.stringify(value));
    await rename(tmp, file);
  }

  async load(key: string): Promise<StoreValue | undefined> {
    const file = this.file(key);
    let buf: Buffer;
    try {
      buf = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    if (!key.endsWith('.json')) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    try {
      return JSON.parse(buf.toString('utf8')) as StoreValue;
    } catch (e) {
      throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
}
