// Node side of the shipped evaluator: where its file lives in the repository (public/evaluator/evaluator.bin, the
// same bytes the app fetches), reading it with a clear message when it is missing, and writing it.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVALUATOR_FILE_NAME, type Evaluator, evaluatorFromBytes, evaluatorToBytes, type TfEvaluator } from '../core/eval/evaluator';
import { UserError } from './args';

/** Folder of the shipped evaluator (public/evaluator/ of this repository). */
export const SHIPPED_EVALUATOR_DIR = fileURLToPath(new URL('../../public/evaluator/', import.meta.url));

/** Path of the shipped evaluator weights. */
export const SHIPPED_EVALUATOR_PATH = path.join(SHIPPED_EVALUATOR_DIR, EVALUATOR_FILE_NAME);

/** Load an evaluator file (default: the shipped one). The caller selects the tfjs backend first. */
export async function loadEvaluatorFile(file: string = SHIPPED_EVALUATOR_PATH): Promise<TfEvaluator> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: evaluator weights not found (regenerate them with \`scsc evaluator --train --out public/evaluator/\`)`);
    throw new UserError(`${file}: cannot read the evaluator weights (${code ?? String(e)})`);
  }
  try {
    return evaluatorFromBytes(bytes, file);
  } catch (e) {
    throw new UserError(e instanceof Error ? e.message : String(e));
  }
}

/** Write `ev` as DIR/evaluator.bin (creating DIR); returns the file's path and size in bytes. */
export async function saveEvaluatorFile(ev: Evaluator, dir: string): Promise<{ file: string; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, EVALUATOR_FILE_NAME);
  const bytes = evaluatorToBytes(ev);
  await writeFile(file, bytes);
  return { file, bytes: bytes.length };
}
