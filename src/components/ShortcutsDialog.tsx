import { useRef } from 'react'
import { useApp } from '../store/context.tsx'
import { SHORTCUTS } from './use-keyboard-shortcuts.ts'
import { useModalFocus } from './use-modal-focus.ts'

export function ShortcutsDialog() {
  const open = useApp((s) => s.shortcutsOpen)
  const close = useApp((s) => s.actions.setShortcutsOpen)
  const ref = useRef<HTMLButtonElement>(null)
  const box = useRef<HTMLDivElement>(null)
  useModalFocus(box, open, { initial: ref })
  if (!open) return null
  return (
    <div className="dialog-backdrop" onClick={() => close(false)}>
      <div ref={box} className="dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p style={{ textAlign: 'right', marginBottom: 0 }}>
          <button ref={ref} className="btn" onClick={() => close(false)}>
            Close
          </button>
        </p>
      </div>
    </div>
  )
}
