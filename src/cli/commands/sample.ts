// `scsc sample`: loads a diffusion checkpoint (from `scsc train --out`) and writes N motions for a prompt as dataset
// JSON or BVH. Prompt words the model's vocabulary does not know are reported on stderr (and ignored).

import { readFile } from 'node:fs/promises';
import { UserError } from '../args';
import type { Command } from '../command';
import { writeClipsFile } from '../io';
import { selectNodeBackend } from '../../core/diffusion/backendNode';
import { modelFromCheckpoint } from '../../core/diffusion/checkpoint';
import { disposeModel } from '../../core/diffusion/denoiser';
import { sampleClips } from '../../core/diffusion/sampler';
import { toArrayBuffer } from '../../core/loop/store';

export const sampleCommand: Command = {
  spec: {
    name: 'sample',
    summary: 'generate motions for a text prompt from a diffusion checkpoint',
    usage: '--model FILE.ckpt --prompt TEXT --out FILE.json|FILE.bvh|FOLDER [--n 4]',
    flags: {
      model: { type: 'string', description: 'checkpoint written by scsc train --out', required: true },
      prompt: { type: 'string', description: 'what the motion should be, e.g. "a person jumps forward"', required: true },
      out: { type: 'string', description: 'output: dataset .json, one .bvh (n = 1) or a folder of .bvh', required: true },
      n: { type: 'int', description: 'number of motions', default: 4, min: 1, max: 4096 },
      steps: { type: 'int', description: 'sampling steps (respaced over the 1000 training steps)', default: 50, min: 1, max: 1000 },
      guidance: { type: 'number', description: 'classifier-free guidance scale (1: conditional only)', default: 1, min: 0, max: 100 },
      method: { type: 'string', description: 'sampler', default: 'ddim', choices: ['ddim', 'ancestral'] },
      seed: { type: 'int', description: 'sampling seed', default: 0, min: 0, max: 4294967295 },
    },
  },
  async run(args, io) {
    const f = args.flags;
    const file = f.model as string;
    let buf: Buffer;
    try {
      buf = await readFile(file);
    } catch (e) {
      throw new UserError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    await selectNodeBackend();
    let model;
    try {
      model = modelFromCheckpoint(toArrayBuffer(buf), file);
    } catch (e) {
      throw new UserError(e instanceof Error ? e.message : String(e));
    }
    try {
      const prompt = f.prompt as string;
      const prompts = Array.from({ length: f.n as number }, () => prompt);
      const { clips, unknownWords } = await sampleClips(model, prompts, {
        seed: f.seed as number, steps: f.steps as number, guidance: f.guidance as number, method: f.method as 'ddim' | 'ancestral',
      });
      const unknown = unknownWords[0] ?? [];
      if (unknown.length > 0) io.err(`scsc sample: not in the model's vocabulary, ignored: ${unknown.map((w) => `"${w}"`).join(', ')}\n`);
      const written = await writeClipsFile(f.out as string, clips);
      if (f.json) io.out(JSON.stringify({ out: f.out, n: clips.length, files: written.length, unknownWords: unknown }) + '\n');
      else io.out(`wrote ${clips.length} motions for "${prompt}" to ${String(f.out)}\n`);
    } finally {
      disposeModel(model);
    }
  },
};
