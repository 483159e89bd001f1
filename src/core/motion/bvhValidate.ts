// Checks BVH text line by line before three's BVHLoader sees it (the loader only logs or crashes on bad input),
// so that a malformed file gives one BvhError naming the file and the line. Accepts exactly the layout the
// loader can read: ROOT/JOINT/End Site, braces, OFFSET and CHANNELS each on their own line; one frame per line.

export class BvhError extends Error {
  override name = 'BvhError';
  readonly line?: number;
  readonly file?: string;
  constructor(message: string, file?: string, line?: number) {
    super(`${file ?? 'BVH'}${line !== undefined ? `:${line}` : ''}: ${message}`);
    this.file = file;
    this.line = line;
  }
}

/** One joint (or end site) of a BVH hierarchy as the validator read it. */
export interface BvhNodeInfo {
  name: string;
  endSite: boolean;
  parent: number;
  offset: [number, number, number];
  channels: string[];
  /** 1-based line of its ROOT/JOINT/End Site line. */
  line: number;
}

export interface BvhInfo {
  nodes: BvhNodeInfo[];
  frames: number;
  frameTime: number;
  channelCount: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CHANNEL_NAMES = new Set(['Xposition', 'Yposition', 'Zposition', 'Xrotation', 'Yrotation', 'Zrotation']);

/** Validate BVH text; returns what it read, or throws BvhError naming file and 1-based line. */
export function validateBvh(text: string, file = 'BVH'): BvhInfo {
  const lines = text.split(/\r\n|\r|\n/);
  let i = 0; // index of the next line to read
  const endsMidLine = !/[\r\n]\s*$/.test(text);
  const fail = (msg: string, lineIdx: number = i - 1): never => {
    const last = lineIdx === lines.length - 1 && endsMidLine;
    throw new BvhError(last ? `${msg} (the file ends in this line: truncated?)` : msg, file, lineIdx + 1);
  };
  /** Next non-blank line's tokens (advances i past it); throws "ends early" at EOF. */
  const next = (expecting: string): string[] => {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) throw new BvhError(`file ends early (truncated?): expected ${expecting}`, file, lines.length);
    return lines[i++].trim().split(/\s+/);
  };
  const num = (tok: string | undefined, what: string): number => {
    if (tok === undefined || !NUMBER.test(tok)) fail(`${what} is not a number: "${tok ?? ''}"`);
    return Number(tok);
  };

  let t = next('HIERARCHY');
  if (t[0] !== 'HIERARCHY' || t.length !== 1) fail(`expected HIERARCHY, found "${t.join(' ')}"`);
  t = next('ROOT');
  if (t[0] !== 'ROOT') fail(`expected ROOT, found "${t.join(' ')}"`);

  const nodes: BvhNodeInfo[] = [];
  let channelCount = 0;
  // iterative reader of one node whose header tokens are `head`
  const readNode = (head: string[], parent: number): void => {
    const line = i;
    const endSite = head[0].toUpperCase() === 'END';
    if (endSite && (head.length !== 2 || head[1].toUpperCase() !== 'SITE')) fail(`expected "End Site", found "${head.join(' ')}"`);
    if (!endSite && head.length !== 2) fail(`${head[0]} needs exactly one name without spaces, found "${head.join(' ')}"`);
    if (endSite && parent < 0) fail('End Site cannot be the root');
    let tk = next('{');
    if (tk[0] !== '{' || tk.length !== 1) fail(`expected "{" on its own line after ${head.join(' ')}, found "${tk.join(' ')}"`);
    tk = next('OFFSET');
    if (tk[0] !== 'OFFSET') fail(`expected OFFSET, found "${tk.join(' ')}"`);
    if (tk.length !== 4) fail(`OFFSET needs 3 numbers, found ${tk.length - 1}`);
    const offset: [number, number, number] = [num(tk[1], 'OFFSET x'), num(tk[2], 'OFFSET y'), num(tk[3], 'OFFSET z')];
    const idx = nodes.length;
    const node: BvhNodeInfo = { name: endSite ? 'End Site' : head[1], endSite, parent, offset, channels: [], line };
    nodes.push(node);
    if (!endSite) {
      tk = next('CHANNELS');
      if (tk[0] !== 'CHANNELS') fail(`expected CHANNELS, found "${tk.join(' ')}"`);
      const n = num(tk[1], 'channel count');
      if (!Number.isInteger(n) || n < 0 || n > 6) fail(`channel count must be 0–6, found ${tk[1]}`);
      if (tk.length !== 2 + n) fail(`CHANNELS says ${n} channels but lists ${tk.length - 2}`);
      for (const c of tk.slice(2)) if (!CHANNEL_NAMES.has(c)) fail(`unknown channel "${c}"`);
      node.channels = tk.slice(2);
      channelCount += n;
    }
    for (;;) {
      tk = next('"}"');
      if (tk[0] === '}') {
        if (tk.length !== 1) fail(`expected "}" on its own line, found "${tk.join(' ')}"`);
        return;
      }
      if (endSite) fail(`expected "}" to close End Site, found "${tk.join(' ')}"`);
      if (tk[0] !== 'JOINT' && tk[0].toUpperCase() !== 'END') fail(`expected JOINT, End Site or "}", found "${tk.join(' ')}"`);
      readNode(tk, idx);
    }
  };
  readNode(t, -1);

  t = next('MOTION');
  if (t[0] !== 'MOTION' || t.length !== 1) fail(`expected MOTION after the hierarchy, found "${t.join(' ')}"`);
  t = next('Frames:');
  if (t[0] !== 'Frames:' || t.length !== 2) fail(`expected "Frames: N", found "${t.join(' ')}"`);
  const frames = num(t[1], 'Frames');
  if (!Number.isInteger(frames) || frames < 1) fail(`Frames must be a positive integer, found ${t[1]}`);
  t = next('Frame Time:');
  if (t[0] !== 'Frame' || t[1] !== 'Time:' || t.length !== 3) fail(`expected "Frame Time: SECONDS", found "${t.join(' ')}"`);
  const frameTime = num(t[2], 'Frame Time');
  if (!(frameTime > 0)) fail(`Frame Time must be positive, found ${t[2]}`);

  for (let f = 0; f < frames; f++) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) {
      throw new BvhError(`file ends after ${f} of ${frames} frames (truncated, or Frames count too large)`, file, lines.length);
    }
    const vals = lines[i++].trim().split(/\s+/);
    if (vals.length !== channelCount) fail(`frame ${f + 1} has ${vals.length} values, expected ${channelCount} (one per channel)`);
    for (let k = 0; k < vals.length; k++) {
      if (!NUMBER.test(vals[k])) fail(`frame ${f + 1}, value ${k + 1} is not a number: "${vals[k]}"`);
    }
  }
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i < lines.length) fail(`more motion lines than Frames: ${frames} says`, i);
  return { nodes, frames, frameTime, channelCount };
}
