// BVH import into the lab: the fixture becomes one 60-frame clip under the typed caption and label; a malformed
// file gives one error naming the file and line while the other files still import; clips are cut or completed to
// the model's 60 frames; the action label comes from the caption's first verb; imported clips join the store's
// picker list with unique ids and keep their selection when the embedded set arrives.

import { readFileSync } from 'node:fs';
import { describe, expect, it, beforeEach } from 'vitest';
import { importBvhFiles } from '../../src/worker/bvhImportFiles';
import { fitClipToFrames } from '../../src/core/motion/fitClip';
import { labelFromCaption, normalizeLabel } from '../../src/app/bvhImport/captionLabel';
import { pickerClips, uniqueId } from '../../src/app/state/clipsSlice';
import { useAppStore } from '../../src/app/store';
import { emptyClip, validateClip, type Clip } from '../../src/core/motion/clip';

const fixture = readFileSync(new URL('../fixtures/mixamo-sample.bvh', import.meta.url), 'utf8');

describe('importing BVH files', () => {
  it('imports the Mixamo sample as one 60-frame clip with the caption and label', () => {
    const [r] = importBvhFiles([{ name: 'mixamo-sample.bvh', text: fixture }], 'a person dances in place', 'dance');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.clips).toHaveLength(1);
    const c = r.clips[0];
    validateClip(c);
    expect(c.nFrames).toBe(60);
    expect(c.fps).toBe(20);
    expect(c.caption).toBe('a person dances in place');
    expect(c.label).toBe('dance');
    expect(c.id).toBe('mixamo-sample');
    expect(r.sourceFrames).toBe(69);
    // 69 frames at 30 fps last 2.27 s: 46 frames at 20 fps, the last pose held for the rest.
    expect(c.meta?.heldFrames).toBe(60 - 46);
  });

  it('a truncated file gives an error naming the file and line; the other file still imports', () => {
    const lines = fixture.split('\n');
    const broken = lines.slice(0, 120).join('\n'); // cut inside the hierarchy
    const out = importBvhFiles(
      [{ name: 'broken.bvh', text: broken }, { name: 'good.bvh', text: fixture }],
      'a person walks', 'walk',
    );
    expect(out[0].ok).toBe(false);
    if (!out[0].ok) expect(out[0].error).toMatch(/^broken\.bvh:\d+: /);
    expect(out[1].ok).toBe(true);
  });

  it('garbage in the motion section names its line', () => {
    const lines = fixture.split(/\r?\n/);
    const at = lines.findIndex((l) => l.startsWith('Frame Time')) + 3;
    lines[at] = lines[at].replace(/\S+(\s*)$/, 'oops$1');
    const [r] = importBvhFiles([{ name: 'bad.bvh', text: lines.join('\n') }], 'a person walks', 'walk');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(new RegExp(`^bad\\.bvh:${at + 1}: `));
  });

  it('requires a caption and a label', () => {
    const [a] = importBvhFiles([{ name: 'x.bvh', text: fixture }], '  ', 'walk');
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error).toMatch(/x\.bvh: a caption is required/);
    const [b] = importBvhFiles([{ name: 'x.bvh', text: fixture }], 'a person walks', '');
    expect(b.ok).toBe(false);
  });
});

describe('fitting clips to the model length', () => {
  const ramp = (n: number): Clip => {
    const c = emptyClip(n);
    c.id = 'long';
    for (let f = 0; f < n; f++) c.rootPos[f * 3] = f;
    return c;
  };

  it('cuts a long clip into consecutive 60-frame windows', () => {
    const out = fitClipToFrames(ramp(130));
    expect(out.map((c) => c.id)).toEqual(['long', 'long-w2']);
    expect(out[1].rootPos[0]).toBe(60);
    expect(out[1].rootPos[59 * 3]).toBe(119);
    for (const c of out) expect(c.nFrames).toBe(60);
  });

  it('completes a short clip by holding its last pose', () => {
    const [c] = fitClipToFrames(ramp(45));
    expect(c.nFrames).toBe(60);
    expect(c.rootPos[44 * 3]).toBe(44);
    expect(c.rootPos[59 * 3]).toBe(44);
    expect(c.meta?.heldFrames).toBe(15);
  });

  it('caps the number of windows', () => {
    expect(fitClipToFrames(ramp(60 * 20), 60, 3)).toHaveLength(3);
  });
});

describe('label from the caption', () => {
  it('takes the first verb in base form, preferring a known label', () => {
    expect(labelFromCaption('a person walks forward')).toBe('walk');
    expect(labelFromCaption('someone is waving with the right hand')).toBe('wave');
    expect(labelFromCaption('the man is running in a circle')).toBe('run');
    expect(labelFromCaption('a woman punches twice')).toBe('punch');
    expect(labelFromCaption('A person jumping up')).toBe('jump');
    expect(labelFromCaption('a person dancing happily', [])).toBe('dance');
    expect(labelFromCaption('a dancer spins', [])).toBe('spin');
    expect(labelFromCaption('the person')).toBe('');
  });

  it('normalises a typed label', () => {
    expect(normalizeLabel('  Side Step ')).toBe('side_step');
    expect(normalizeLabel('!!')).toBe('');
  });
});

describe('imported clips in the store', () => {
  const named = (id: string) => Object.assign(emptyClip(60), { id, label: 'x', caption: 'x' });

  beforeEach(() => {
    useAppStore.setState({ clips: [], imported: [], selected: 0 });
  });

  it('makes ids unique', () => {
    const taken = new Set(['a', 'a-2']);
    expect(uniqueId('a', taken)).toBe('a-3');
    expect(uniqueId('b', taken)).toBe('b');
    expect(uniqueId('b', taken)).toBe('b-2');
  });

  it('adds imported clips after the embedded ones in the picker and selects the first new one', () => {
    const s = useAppStore.getState();
    s.setClips([named('e0'), named('e1')], 'embedded');
    const added = useAppStore.getState().addImported([named('e0'), named('m')], true);
    expect(added.map((c) => c.id)).toEqual(['e0-2', 'm']);
    const st = useAppStore.getState();
    expect(pickerClips(st.clips, st.imported).map((c) => c.id)).toEqual(['e0', 'e1', 'e0-2', 'm']);
    expect(st.selected).toBe(2);
    expect(st.viewSource).toBe('real');
  });

  it('selection clamps to embedded + imported, and an imported selection survives the embedded set arriving', () => {
    const s = useAppStore.getState();
    s.setClips([named('first')], 'first clip');
    s.addImported([named('m1'), named('m2')]);
    useAppStore.getState().select(99);
    expect(useAppStore.getState().selected).toBe(2);
    useAppStore.getState().setClips([named('e0'), named('e1'), named('e2')], 'all');
    expect(useAppStore.getState().selected).toBe(3 + 1);
    expect(pickerClips(useAppStore.getState().clips, useAppStore.getState().imported)[useAppStore.getState().selected].id).toBe('m2');
  });

  it('removing an imported clip keeps the selection on the same clip', () => {
    const s = useAppStore.getState();
    s.setClips([named('e0')], 'e');
    s.addImported([named('m1'), named('m2')]);
    useAppStore.getState().select(2);
    useAppStore.getState().removeImported('m1');
    const st = useAppStore.getState();
    expect(st.imported.map((c) => c.id)).toEqual(['m2']);
    expect(pickerClips(st.clips, st.imported)[st.selected].id).toBe('m2');
  });
});
