// User-visible notices (clamped URL values, import errors, a lost GPU device, a failed run): a short list the
// NoticeBar shows until dismissed. Any part of the app may push one; each names the problem and where.

import type { AppSlice } from '../store';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface Notice {
  id: number;
  level: NoticeLevel;
  text: string;
}

export interface NoticesSlice {
  notices: Notice[];
  /** Adds a notice (an identical one already shown is not repeated); returns its id. */
  pushNotice(level: NoticeLevel, text: string): number;
  dismissNotice(id: number): void;
}

let nextId = 1;

export const createNoticesSlice: AppSlice<NoticesSlice> = (set, get) => ({
  notices: [],
  pushNotice: (level, text) => {
    const same = get().notices.find((n) => n.level === level && n.text === text);
    if (same) return same.id;
    const id = nextId++;
    set((s) => ({ notices: [...s.notices, { id, level, text }].slice(-8) }));
    return id;
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
