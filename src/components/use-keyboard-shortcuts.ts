import { useEffect } from 'react'
import { useAppStore } from '../store/context.tsx'

/** Keys and what they do, for the `?` dialog (the handler below is the source of truth). */
export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['Space', 'Play / pause'],
  ['← / →', 'Step back / forward one step'],
  ['Shift + ← / →', 'Previous / next scheduling decision'],
  ['Home / End', 'Reset / run to end'],
  ['W / S', 'Zoom the Gantt in / out (or Ctrl/⌘ + wheel)'],
  ['A / D', 'Pan the Gantt earlier / later (or drag)'],
  ['F', 'Fit the whole run'],
  ['Ctrl/⌘ + Z', 'Undo the last edit of the scenario'],
  ['Shift + Ctrl/⌘ + Z', 'Redo'],
  ['Presentation: Space, →, PageDown / ←, PageUp', 'Next / previous lesson page (outside a lesson: scheduling decision)'],
  ['?', 'Show these shortcuts'],
  ['Esc', 'Close this dialog, clear the selection'],
]

/** Presentation mode: a clicker's keys turn the lesson page (or go to the next decision). */
const PRESENTER_KEYS: Readonly<Record<string, 1 | -1>> = { ' ': 1, ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }

/** Where typing must not be taken as a shortcut. */
function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false
  if (t.isContentEditable) return true
  const tag = t.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') {
    const type = (t as HTMLInputElement).type
    return type !== 'checkbox' && type !== 'radio' && type !== 'range'
  }
  return false
}

export function useKeyboardShortcuts(): void {
  const store = useAppStore()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || isTypingTarget(e.target)) return
      // The shortcuts act on the simulator, which the Sweep view hides.
      if (store.getState().page !== 'simulator') return
      if ((e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'Z')) {
        // Text fields keep their own undo; elsewhere it undoes edits of the scenario.
        const history = store.temporal.getState()
        if (e.shiftKey) history.redo()
        else history.undo()
        e.preventDefault()
        return
      }
      if (e.ctrlKey || e.metaKey) return
      const s = store.getState()
      const a = s.actions
      const onRange = e.target instanceof HTMLInputElement && e.target.type === 'range'
      const onButton = e.target instanceof HTMLButtonElement
      // Space toggles a focused checkbox or radio; arrows and Home/End move within a table.
      const onToggle = e.target instanceof HTMLInputElement && (e.target.type === 'checkbox' || e.target.type === 'radio')
      const inTable = e.target instanceof Element && e.target.closest('[role=table], table, [role=grid]') !== null
      const presenter = s.presentation && !e.shiftKey ? PRESENTER_KEYS[e.key] : undefined
      if (presenter !== undefined) {
        // A clicker's keys: a focused control keeps what it does with them (Space presses a button, arrows move a radio or slider).
        if (e.key === ' ' && (onButton || onToggle)) return
        if (e.key.startsWith('Arrow') && (onToggle || onRange)) return
        if (s.lesson !== null) a.turnPage(presenter)
        else a.stepDecision(presenter)
        e.preventDefault()
        return
      }
      let handled = true
      switch (e.key) {
        case ' ':
          if (onButton || onToggle) return
          a.togglePlay()
          break
        case 'ArrowLeft':
        case 'ArrowRight': {
          const dir = e.key === 'ArrowLeft' ? -1 : 1
          if (e.shiftKey) a.stepDecision(dir)
          else if (onRange || inTable) return
          else a.stepBy(dir)
          break
        }
        case 'Home':
          if (onRange || inTable) return
          a.reset()
          break
        case 'End':
          if (onRange || inTable) return
          a.runToEnd()
          break
        case 'w':
        case 'W':
          a.zoomBy(1.5)
          break
        case 's':
        case 'S':
          a.zoomBy(1 / 1.5)
          break
        case 'a':
        case 'A':
          a.panBy(-0.2)
          break
        case 'd':
        case 'D':
          a.panBy(0.2)
          break
        case 'f':
        case 'F':
          a.setView(null)
          break
        case '?':
          a.setShortcutsOpen(!s.shortcutsOpen)
          break
        case 'Escape':
          if (s.shortcutsOpen) a.setShortcutsOpen(false)
          else a.select(null)
          break
        default:
          handled = false
      }
      if (handled) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
