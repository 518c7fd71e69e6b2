import { useEffect, useRef, type RefObject } from 'react'

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/** The elements Tab reaches inside `root`, in document order. */
export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => !e.hidden && e.getAttribute('aria-hidden') !== 'true')
}

/**
 * What a modal dialog owes the keyboard (WAI-ARIA's dialog pattern): while `open`, focus starts
 * on `initial` (else the first control), Tab and Shift+Tab cycle inside `dialog` instead of
 * walking into the page behind the backdrop, Escape calls `onEscape`; on closing, focus goes
 * back to what had it before, so a keyboard user is not dropped at the top of the page.
 */
export function useModalFocus(
  dialog: RefObject<HTMLElement | null>,
  open: boolean,
  options: { readonly initial?: RefObject<HTMLElement | null>; readonly onEscape?: () => void } = {},
): void {
  const { initial, onEscape } = options
  // The latest handler, read when Escape is pressed (the effect itself runs once per opening).
  const escape = useRef(onEscape)
  useEffect(() => {
    escape.current = onEscape
  })
  useEffect(() => {
    if (!open) return
    const before = document.activeElement
    const root = dialog.current
    ;(initial?.current ?? (root === null ? undefined : focusablesIn(root)[0]))?.focus()
    const onKey = (e: KeyboardEvent) => {
      const box = dialog.current
      if (box === null) return
      if (e.key === 'Escape' && escape.current !== undefined) {
        e.preventDefault()
        escape.current()
        return
      }
      // A control that uses Tab itself (the key editor indents with it) has the last word.
      if (e.key !== 'Tab' || e.defaultPrevented) return
      const items = focusablesIn(box)
      if (items.length === 0) {
        e.preventDefault()
        return
      }
      const first = items[0]!
      const last = items[items.length - 1]!
      const active = document.activeElement
      const inside = active instanceof Node && box.contains(active)
      if (e.shiftKey && (active === first || !inside)) {
        e.preventDefault()
        last.focus()
      } else if (!e.shiftKey && (active === last || !inside)) {
        e.preventDefault()
        first.focus()
      }
    }
    // Bubbling, after the dialog's own controls (React listens at its root, below the document).
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      if (before instanceof HTMLElement && before.isConnected) before.focus()
    }
    // Re-running on each render would move focus back to `initial`: once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])
}
