import { createPortal } from 'react-dom'
import type { CellKind } from './problems.ts'

export interface Tip {
  readonly left: number
  readonly top: number
  readonly bottom: number
  readonly kind: CellKind
  readonly message: string
}

const TIP_MAX_PX = 380

export function tipFor(el: Element, kind: CellKind, message: string): Tip {
  const r = el.getBoundingClientRect()
  return { left: r.left, top: r.top, bottom: r.bottom, kind, message }
}

/**
 * The reason of the hovered or focused cell, floating next to it. Drawn in a portal so the
 * table's scroll box does not clip it; screen readers get the same text through each cell's
 * aria-describedby, so this copy is hidden from them.
 */
export function CellTip({ tip }: { tip: Tip | null }) {
  if (tip === null || typeof document === 'undefined') return null
  const below = tip.bottom + 70 < window.innerHeight
  // Keep it on screen for cells at the right edge (the tip is at most TIP_MAX_PX wide).
  const left = Math.max(8, Math.min(tip.left, window.innerWidth - TIP_MAX_PX - 8))
  const style = below ? { left, top: tip.bottom + 6 } : { left, bottom: window.innerHeight - tip.top + 6 }
  return createPortal(
    <div className={`tt-tip ${tip.kind}`} style={style} aria-hidden="true">
      <strong>{tip.kind === 'error' ? 'Error' : 'Warning'}:</strong> {tip.message}
    </div>,
    document.body,
  )
}
