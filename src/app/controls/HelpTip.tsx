// A small "?" that shows a control's explanation (from help/explanations.ts) on hover or keyboard focus. The text
// is also in the accessibility tree (aria-describedby on the control points at it), so it is not hover-only.

import { useId } from 'react';

export function HelpTip({ text, id }: { text: string; id?: string }) {
  const auto = useId();
  const tipId = id ?? auto;
  return (
    <span className="help-tip" tabIndex={0} aria-label="explanation" data-tip={text}>
      ?
      <span role="tooltip" id={tipId} className="help-tip-text">{text}</span>
    </span>
  );
}
