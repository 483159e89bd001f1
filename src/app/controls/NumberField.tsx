// A whole-number input bound to one ranged LabConfig field. While you type, the text is yours (typing "1" on the
// way to "150" is not clamped); a value in range is committed at once, anything else is clamped when the field
// loses focus or on Enter, and the field then shows what is used.

import { useEffect, useState, type KeyboardEvent } from 'react';
import { clampField, RANGES, type RangedField } from '../state/labConfig';

interface Props {
  field: RangedField;
  value: number;
  label: string;
  help: string;
  disabled?: boolean;
  testId: string;
  onCommit(value: number): void;
}

export function NumberField({ field, value, label, help, disabled, testId, onCommit }: Props) {
  const [draft, setDraft] = useState(String(value));
  const r = RANGES[field];
  useEffect(() => setDraft(String(value)), [value]);
  const commit = () => {
    const v = Number(draft.trim());
    const used = draft.trim() === '' || Number.isNaN(v) ? value : clampField(field, v);
    onCommit(used);
    setDraft(String(used));
  };
  return (
    <label className="ctl-number" title={help}>
      <span className="ctl-label">{label}</span>
      <input
        type="number" inputMode="numeric" data-testid={testId} min={r.min} max={r.max} step={1} value={draft}
        disabled={disabled}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          const v = Number(text);
          if (text.trim() !== '' && Number.isInteger(v) && v >= r.min && v <= r.max) onCommit(v);
        }}
        onBlur={commit}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => { if (e.key === 'Enter') commit(); }}
      />
    </label>
  );
}
