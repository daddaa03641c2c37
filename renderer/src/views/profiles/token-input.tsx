import { useId, type RefObject } from 'react';
import type { ProfileKind } from '../../../../shared/profile';
import { checkTokenForProfile, type TokenCheck } from '../../../../shared/token-formats';

export interface TokenInputProps {
  label: string;
  kind: ProfileKind;
  check: TokenCheck | null;
  onCheck(check: TokenCheck | null): void;
  /** The form reads the token from this input only when it submits, then clears it. */
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * A password field whose format is checked as the user types. Deliberately uncontrolled: the token
 * never enters React state or a store, only the input element, which the form clears after saving.
 */
export function TokenInput({ label, kind, check, onCheck, inputRef }: TokenInputProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const text = check ? (check.ok ? (check.message ?? 'Format looks right.') : check.message) : kind === 'mootup' ? 'Starts with mootup_pat_. It goes straight into your system keychain.' : 'Usually starts with mp_ (Moly). It goes straight into your system keychain.';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type="password"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hintId}
        aria-invalid={check ? !check.ok : undefined}
        onChange={(e) => onCheck(e.currentTarget.value ? checkTokenForProfile(kind, e.currentTarget.value) : null)}
      />
      <p id={hintId} className={`field-hint ${check ? (check.ok ? (check.message ? 'is-warn' : 'is-ok') : 'is-error') : ''}`} aria-live="polite">
        {text}
      </p>
    </div>
  );
}

/** The token as typed, read only at the moment the form submits. */
export function readToken(inputRef: RefObject<HTMLInputElement | null>): string {
  return inputRef.current?.value ?? '';
}

/** Empties the field once main has stored the token, so it stays nowhere in the page. */
export function clearToken(inputRef: RefObject<HTMLInputElement | null>): void {
  if (inputRef.current) inputRef.current.value = '';
}

/** Re-checks the field's current content (after the profile kind changed). */
export function recheck(inputRef: RefObject<HTMLInputElement | null>, kind: ProfileKind): TokenCheck | null {
  const value = inputRef.current?.value ?? '';
  return value ? checkTokenForProfile(kind, value) : null;
}
