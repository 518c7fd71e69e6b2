import { useId, useRef, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useApp } from '../store/context.tsx'
import { METRIC_FORMULAS, type MetricId } from './metric-breakdown.ts'

interface MetricValueProps {
  readonly metric: MetricId
  readonly algorithm: string
  /** Null: the final number; else the number at this time (the cursor's). */
  readonly atS: number | null
  readonly children: ReactNode
}

/**
 * A number that explains itself: its formula shows on hover and on keyboard focus, and a click
 * (or Enter) opens its breakdown by task, with those tasks highlighted on the Gantt. The
 * formula is in the page only while shown (and then in the body), so the cell's text stays
 * the number.
 */
export function MetricValue({ metric, algorithm, atS, children }: MetricValueProps) {
  const explain = useApp((s) => s.actions.explain)
  const open = useApp((s) => s.explained !== null && s.explained.metric === metric && s.explained.algorithm === algorithm && s.explained.atS === atS)
  const [hovered, setHovered] = useState(false)
  const [focused, setFocused] = useState(false)
  /** Where the tip goes (fixed, so no scroll box clips it): under the number. */
  const [at, setAt] = useState<{ left: number; top: number } | null>(null)
  const ref = useRef<HTMLButtonElement>(null)
  /** A press of the pointer focuses the button too: the tip is for keyboard focus. */
  const pressed = useRef(false)
  const tipId = useId()
  const { name, formula } = METRIC_FORMULAS[metric]
  const place = () => {
    const r = ref.current?.getBoundingClientRect()
    setAt(r === undefined ? null : { left: r.left + r.width / 2, top: r.bottom + 4 })
  }
  const tip = hovered || focused
  return (
    <span
      className="metric-value"
      onMouseEnter={() => {
        place()
        setHovered(true)
      }}
      onMouseLeave={() => setHovered(false)}
    >
      <button
        ref={ref}
        type="button"
        className="metric-value-btn"
        aria-describedby={tip ? tipId : undefined}
        aria-expanded={open}
        onPointerDown={() => (pressed.current = true)}
        onFocus={() => {
          // From the keyboard, not from a click (the breakdown answers that).
          if (!pressed.current) {
            place()
            setFocused(true)
          }
        }}
        onBlur={() => {
          pressed.current = false
          setFocused(false)
        }}
        onClick={() => explain(open ? null : { metric, algorithm, atS })}
      >
        {children}
      </button>
      {/* In the body: a panel's containment (content-visibility) would otherwise place and clip it. */}
      {tip &&
        createPortal(
          <span role="tooltip" id={tipId} className="formula-tip" style={at === null ? undefined : { left: at.left, top: at.top }}>
            {`${name} of ${algorithm}: ${formula}. Click for its breakdown by task.`}
          </span>,
          document.body,
        )}
    </span>
  )
}

