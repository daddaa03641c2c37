/** Brings the element main asked to show (a clicked notification's subject) into view and marks it. */
import { useEffect, useRef } from 'react';
import type { WindowTarget } from '../../../shared/navigation';
import { useUiStore } from './ui-store';

/** A ref for the element, and whether it is the focused subject; `matches` says whether a target is about it. */
export function useFocusTarget<E extends HTMLElement>(matches: (target: WindowTarget) => boolean): { ref: React.RefObject<E | null>; focused: boolean } {
  const ref = useRef<E>(null);
  const focused = useUiStore((s) => s.focus !== null && matches(s.focus));
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'center' });
  }, [focused]);
  return { ref, focused };
}
