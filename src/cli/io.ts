// Reading and writing clip files for the CLI, chosen by extension: `.bvh` (one clip per file, our skeleton in
// centimetres on export) and `.json` (the dataset format of datasetJson.ts). Several clips written to a `.bvh`
// path is an error; a path without an extension (or an existing folder) receives one BVH file per clip plus a
// `clips.json` index of ids, labels and captions (BVH itself has no place for them); such a folder reads back.
// Every failure a user can cause becomes a UserError with the file (and line or field) in its message.

import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './args';
import type { Clip } from '../core/motion/clip';
import { BvhError, importBvh } from '../core/motion/bvhImport';
import { exportBvh } from '../core/motion/bvhExport';
import { DatasetJsonError, clipsFromDatasetJson, clipsToDatasetJson, datasetJsonToText } from '../core/motion/datasetJson';

export interface ReadClipsOptions {
  /** Label and caption for clips imported from BVH (which carries none). */
  label?: string;
  caption?: string;
}

export type ClipFileKind = 'bvh' | 'json';

export function clipFileKind(file: string): ClipFileKind | null {
  const ext = path.extname(file).toLowerCase();
  return ext === '.bvh' ? 'bvh' : ext === '.json' ? 'json' : null;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: no such file`);
    if (code === 'EISDIR') throw new UserError(`${file}: is a folder, expected a .bvh or .json file`);
    throw new UserError(`${file}: cannot read (${code ?? String(e)})`);
  }
}

/** Read a folder written by writeClipsFile: its clips.json index when present, else every .bvh in name order. */
async function readClipsFolder(dir: string, opts: ReadClipsOptions): Promise<Clip[]> {
  const indexPath = path.join(dir, 'clips.json');
  let entries: { file: string; id?: string; label?: string; caption?: string }[];
  if (await isFile(indexPath)) {
    let index: unknown;
    try {
      index = JSON.parse(await readText(indexPath));
    } catch (e) {
      throw new UserError(`${indexPath}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!Array.isArray(index)) throw new UserError(`${indexPath}: must be an array of { file, id, label, caption }`);
    entries = index.map((e, i) => {
      const r = e as Record<string, unknown> | null;
      if (typeof r !== 'object' || r === null || typeof r.file !== 'string') throw new UserError(`${indexPath}: [${i}].file must be a file name`);
      for (const k of ['id', 'label', 'caption']) {
        if (r[k] !== undefined && typeof r[k] !== 'string') throw new UserError(`${indexPath}: [${i}].${k} must be a string`);
      }
      return r as { file: string; id?: string; label?: string; caption?: string };
    });
  } else {
    entries = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.bvh')).sort().map((f) => ({ file: f }));
    if (entries.length === 0) throw new UserError(`${dir}: folder has no .bvh files`);
  }
  const clips: Clip[] = [];
  for (const e of entries) {
    const [clip] = await readClipsFile(path.join(dir, e.file), { label: e.label ?? opts.label, caption: e.caption ?? opts.caption });
    if (typeof e.id === 'string') clip.id = e.id;
    clips.push(clip);
  }
  return clips;
}

/** Read the clips of a .bvh (one clip) or dataset .json file, or of a folder of .bvh files (see writeClipsFile). */
export async function readClipsFile(file: string, opts: ReadClipsOptions = {}): Promise<Clip[]> {
  if (await isDirectory(file)) return readClipsFolder(file, opts);
  const kind = clipFileKind(file);
  if (!kind && !(await isFile(file))) throw new UserError(`${file}: no such file or folder`);
  if (!kind) throw new UserError(`${file}: unknown file type "${path.extname(file) || '(none)'}"; expected .bvh or .json`);
  const text = await readText(file);
  if (kind === 'bvh') {
    try {
      return [importBvh(text, file, opts)];
    } catch (e) {
      if (e instanceof BvhError) throw new UserError(e.message);
      throw e;
    }
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return clipsFromDatasetJson(obj, file);
  } catch (e) {
    if (e instanceof DatasetJsonError) throw new UserError(e.message);
    if (e instanceof Error) throw new UserError(`${file}: ${e.message}`);
    throw e;
  }
}

/** A clip id made safe as a file name. */
export function safeFileStem(id: string, fallback: string): string {
  const s = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return s || fallback;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Write clips by the path's extension: `.json` → one dataset file; `.bvh` → one clip (several is an error);
 * no extension or an existing folder → a folder of `<id>.bvh` files plus `clips.json`. Returns the paths written.
 */
export async function writeClipsFile(file: string, clips: Clip[]): Promise<string[]> {
  const kind = clipFileKind(file);
  const folder = (await isDirectory(file)) || (!kind && path.extname(file) === '');
  if (!kind && !folder) throw new UserError(`${file}: unknown output type "${path.extname(file)}"; use .json, .bvh or a folder`);
  try {
    if (folder) {
      await mkdir(file, { recursive: true });
      const written: string[] = [];
      const index: { file: string; id: string; label: string; caption: string }[] = [];
      const used = new Set<string>();
      for (let i = 0; i < clips.length; i++) {
        let stem = safeFileStem(clips[i].id, `clip-${i}`);
        while (used.has(stem)) stem = `${stem}-${i}`;
        used.add(stem);
        const p = path.join(file, `${stem}.bvh`);
        await writeFile(p, exportBvh(clips[i]));
        written.push(p);
        index.push({ file: `${stem}.bvh`, id: clips[i].id, label: clips[i].label, caption: clips[i].caption });
      }
      const ip = path.join(file, 'clips.json');
      await writeFile(ip, JSON.stringify(index, null, 1) + '\n');
      written.push(ip);
      return written;
    }
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    if (kind === 'bvh') {
      if (clips.length !== 1) {
        throw new UserError(`${file}: a BVH file holds one clip, got ${clips.length}; give a folder path (no extension) to write one file per clip`);
      }
      await writeFile(file, exportBvh(clips[0]));
      return [file];
    }
    await writeFile(file, datasetJsonToText(clipsToDatasetJson(clips)));
    return [file];
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new UserError(`${file}: cannot write (${code})`);
    if (e instanceof DatasetJsonError) throw new UserError(e.message);
    throw e;
  }
}
