import { useRef, useState } from 'react'

/**
 * A plain textarea for a policy's key, with line numbers beside it (kept level with the text
 * as it scrolls) and the line a problem was found on marked.
 */
export function KeyTextarea({ value, badLine, onChange }: { value: string; badLine: number; onChange: (text: string) => void }) {
  const [scrollTop, setScrollTop] = useState(0)
  const gutter = useRef<HTMLDivElement>(null)
  const lines = value.split('\n').length
  return (
    <div className="key-editor">
      <div className="key-gutter" ref={gutter} aria-hidden="true" style={{ transform: `translateY(${-scrollTop}px)` }}>
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={i + 1 === badLine ? 'bad' : undefined}>
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        aria-label="Key"
        value={value}
        rows={Math.min(16, Math.max(6, lines + 1))}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        wrap="off"
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={(e) => {
          // Tab indents rather than leaving the field; Escape still leaves it for the keyboard.
          if (e.key !== 'Tab' || e.shiftKey) return
          e.preventDefault()
          const t = e.currentTarget
          const { selectionStart: a, selectionEnd: b } = t
          onChange(`${value.slice(0, a)}  ${value.slice(b)}`)
          requestAnimationFrame(() => t.setSelectionRange(a + 2, a + 2))
        }}
      />
    </div>
  )
}
