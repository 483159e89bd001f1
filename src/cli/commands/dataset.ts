// `scsc dataset`: writes the embedded procedural motion dataset (the "real data") to a dataset JSON file or to a
// folder of BVH files. Deterministic: the same --n, --seed and --split give byte-identical output.

import { UserError } from '../args';
import type { Command } from '../command';
import { generateDataset } from '../../core/motion/dataset/index';
import { writeClipsFile } from '../io';

export const datasetCommand: Command = {
  spec: {
    name: 'dataset',
    summary: 'write N procedural motion clips as dataset JSON or a folder of BVH files',
    usage: '--n N --seed S --format json|bvh --out PATH [--split train|test]',
    flags: {
      n: { type: 'int', description: 'number of clips', required: true, min: 1, max: 100000 },
      seed: { type: 'int', description: 'dataset seed (train split)', default: 0, min: 0, max: 4294967295 },
      format: { type: 'string', description: 'json: one dataset file; bvh: a folder of .bvh files + clips.json', default: 'json', choices: ['json', 'bvh'] },
      out: { type: 'string', description: 'output file (json) or folder (bvh)', required: true },
      split: { type: 'string', description: 'train (seeded) or the held-out test split', default: 'train', choices: ['train', 'test'] },
    },
  },
  async run(args, io) {
    const n = args.flags.n as number;
    const seed = args.flags.seed as number;
    const format = args.flags.format as 'json' | 'bvh';
    const split = args.flags.split as 'train' | 'test';
    const out = args.flags.out as string;
    const lower = out.toLowerCase();
    if (format === 'json' && !lower.endsWith('.json')) throw new UserError(`scsc dataset: --out must end in .json for --format json, got "${out}"`);
    if (format === 'bvh' && (lower.endsWith('.json') || lower.endsWith('.bvh'))) {
      throw new UserError(`scsc dataset: --out must be a folder (no extension) for --format bvh, got "${out}"`);
    }
    const clips = generateDataset({ n, seed, split });
    const written = await writeClipsFile(out, clips);
    const labels: Record<string, number> = {};
    for (const c of clips) labels[c.label] = (labels[c.label] ?? 0) + 1;
    const captions = new Set(clips.map((c) => c.caption)).size;
    if (args.flags.json) {
      io.out(JSON.stringify({ out, format, n: clips.length, seed, split, files: written.length, labels, distinctCaptions: captions }) + '\n');
    } else {
      io.out(`wrote ${clips.length} clips (${split}, seed ${seed}) to ${out}${format === 'bvh' ? ` (${written.length} files)` : ''}\n`);
      io.out(`labels: ${Object.entries(labels).map(([k, v]) => `${k} ${v}`).join(', ')}; ${captions} distinct captions\n`);
    }
  },
};
