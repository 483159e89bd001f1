// The prompt box: type a motion description, choose an arm, and Sample draws one motion from that arm's current
// model (labController.samplePrompt, in the loop worker); the viewer then shows it. Words the model's vocabulary
// does not know are listed. Disabled, with the reason, until a run has trained a model.

import { useMemo, useRef, useState } from 'react';
import type { ArmName } from '../../core/loop/config';
import { labController } from '../runController';
import { useAppStore } from '../store';
import { armsWithModel } from './selection';
import './PromptBox.css';

export function PromptBox() {
  const history = useAppStore((s) => s.history);
  const runStatus = useAppStore((s) => s.run.status);
  const prompt = useAppStore((s) => s.prompt);
  const setPrompt = useAppStore((s) => s.setPrompt);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const [text, setText] = useState('a person walks forward');
  const [armChoice, setArmChoice] = useState<ArmName>('self-correcting');
  const [busy, setBusy] = useState(false);
  const seed = useRef(1);

  const arms = useMemo(() => {
    const last = history[history.length - 1];
    return last ? armsWithModel(Object.keys(last.arms)) : [];
  }, [history]);
  const hasModel = arms.length > 0;
  const arm = arms.includes(armChoice) ? armChoice : (arms.includes('self-correcting') ? 'self-correcting' : arms[0]);
  const reason = !hasModel
    ? runStatus === 'idle'
      ? 'Start a run first: the prompt box samples from a trained model (after generation 0).'
      : 'Waiting for generation 0 to finish training…'
    : null;

  const sample = async () => {
    if (!hasModel || !arm || !text.trim()) return;
    setBusy(true);
    const s = seed.current++;
    try {
      const out = await labController.samplePrompt(text.trim(), arm, s);
      setPrompt({ prompt: text.trim(), arm, seed: s, clip: out.clip, unknownWords: out.unknownWords });
    } catch (e) {
      pushNotice('error', `Prompt sample failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="prompt-box"
      aria-label="Sample a motion from a prompt"
      onSubmit={(e) => {
        e.preventDefault();
        void sample();
      }}
    >
      <label className="prompt-text">
        <span>Prompt</span>
        <input
          type="text"
          data-testid="prompt-input"
          value={text}
          maxLength={200}
          placeholder="a person jumps in place"
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label className="prompt-arm">
        <span>from</span>
        <select data-testid="prompt-arm" value={arm ?? ''} disabled={!hasModel} onChange={(e) => setArmChoice(e.target.value as ArmName)}>
          {hasModel ? arms.map((a) => <option key={a} value={a}>{a}</option>) : <option value="">no model yet</option>}
        </select>
      </label>
      <button type="submit" data-testid="prompt-sample" disabled={!hasModel || busy || !text.trim()}>
        {busy ? 'Sampling…' : 'Sample'}
      </button>
      {reason && <p className="prompt-note" data-testid="prompt-disabled">{reason}</p>}
      {prompt && prompt.unknownWords.length > 0 && (
        <p className="prompt-note prompt-unknown" data-testid="prompt-unknown">
          not in the vocabulary (ignored): {prompt.unknownWords.join(', ')}
        </p>
      )}
    </form>
  );
}
