// Keeps the lab configuration and the address bar in step: on startup the URL's parameters become the store's
// config (each clamped value raises a warning notice naming the parameter, the bad value and what was used, and
// the address bar is rewritten to the values in use); afterwards every config change is written back with
// history.replaceState (coalesced to one write per 120 ms, so a slider drag does not flood the history API).
// Parameters that are not the config's (e.g. another panel's) are kept.

import { useAppStore } from '../store';
import { formatIssue, mergeConfigIntoSearch, parseLabConfig, URL_PARAMS } from './labConfig';

const WRITE_DELAY_MS = 120;
let started = false;

/** Whether `search` sets any config parameter. */
function hasConfigParams(search: string): boolean {
  const p = new URLSearchParams(search);
  return Object.values(URL_PARAMS).some((k) => p.has(k));
}

function writeUrl(): void {
  const { config } = useAppStore.getState();
  const search = mergeConfigIntoSearch(window.location.search, config);
  if (search === window.location.search) return;
  const url = `${window.location.pathname}${search}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
}

/** Reads the URL into the store and starts writing config changes back. Call once, before the first render. */
export function initUrlSync(): void {
  if (started) return;
  started = true;
  const search = window.location.search;
  const { config, issues } = parseLabConfig(search);
  const st = useAppStore.getState();
  st.replaceConfig(config);
  for (const i of issues) st.pushNotice('warning', formatIssue(i));
  // A URL with config parameters is rewritten at once to the values in use (clamped ones corrected); a bare
  // address stays bare until the user changes a setting.
  if (hasConfigParams(search)) writeUrl();

  let timer: number | undefined;
  useAppStore.subscribe((s, prev) => {
    if (s.config === prev.config) return;
    if (timer !== undefined) return;
    timer = window.setTimeout(() => {
      timer = undefined;
      writeUrl();
    }, WRITE_DELAY_MS);
  });
  window.addEventListener('pagehide', () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      writeUrl();
    }
  });
}
