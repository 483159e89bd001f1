// The notice bar: every notice in the store (clamped URL values, import errors, a lost GPU device, a failed run)
// with a dismiss button. Errors are announced to screen readers at once.

import { useAppStore } from './store';

export function NoticeBar() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notice-bar" data-testid="notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.level}`}>
          <span>{n.text}</span>
          <button type="button" aria-label="dismiss" onClick={() => dismiss(n.id)}>×</button>
        </li>
      ))}
    </ul>
  );
}
