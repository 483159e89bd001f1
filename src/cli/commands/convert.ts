// `scsc convert`: converts clip files between BVH and dataset JSON (by extension). BVH → JSON retargets onto our
// skeleton, resamples to 20 fps and puts the clip on the floor; JSON → BVH writes one file, or a folder of files
// when the JSON holds several clips and OUT has no extension; a folder of BVH files (with its clips.json
// index of labels and captions, as `scsc dataset --format bvh` writes) reads back as one data set.

import { UserError } from '../args';
import type { Command } from '../command';
import { readClipsFile, writeClipsFile } from '../io';

export const convertCommand: Command = {
  spec: {
    name: 'convert',
    summary: 'convert motion files: BVH ↔ dataset JSON (BVH import retargets onto the 22-joint skeleton)',
    usage: 'IN.bvh|IN.json|FOLDER --out OUT.json|OUT.bvh|FOLDER [--label L] [--caption C] [--clip ID]',
    positionals: [{ name: 'IN', required: true }],
    flags: {
      out: { type: 'string', description: 'output: .json, .bvh (one clip) or a folder (one .bvh per clip)', required: true },
      label: { type: 'string', description: 'label for a clip imported from BVH', default: 'imported' },
      caption: { type: 'string', description: 'caption for a clip imported from BVH' },
      clip: { type: 'string', description: 'only this clip (id or 0-based index) of a JSON input' },
    },
  },
  async run(args, io) {
    const input = args.positionals[0];
    const out = args.flags.out as string;
    let clips = await readClipsFile(input, { label: args.flags.label as string, caption: args.flags.caption as string | undefined });
    const pick = args.flags.clip as string | undefined;
    if (pick !== undefined) {
      const byId = clips.filter((c) => c.id === pick);
      const idx = /^\d+$/.test(pick) ? Number(pick) : -1;
      if (byId.length) clips = byId.slice(0, 1);
      else if (idx >= 0 && idx < clips.length) clips = [clips[idx]];
      else throw new UserError(`scsc convert: --clip ${pick}: no clip with that id or index in ${input} (${clips.length} clips)`);
    }
    const written = await writeClipsFile(out, clips);
    const frames = clips.reduce((s, c) => s + c.nFrames, 0);
    if (args.flags.json) io.out(JSON.stringify({ in: input, out, clips: clips.length, frames, files: written }) + '\n');
    else io.out(`converted ${clips.length} clip${clips.length === 1 ? '' : 's'} (${frames} frames at ${clips[0]?.fps ?? 20} fps) from ${input} to ${out}\n`);
  },
};
