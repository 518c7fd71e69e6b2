/** Small inline icons: font glyphs for media controls are missing on many systems. */
const PATHS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z',
  back: 'M12 2.5v11L5 8zM3 2.5h2v11H3z',
  forward: 'M4 2.5v11L11 8zM11 2.5h2v11h-2z',
  reset: 'M3 2.5h2v11H3zM14 2.5v11L6 8z',
  end: 'M2 2.5v11L10 8zM11 2.5h2v11h-2z',
  /** Rewind / fast-forward: to the previous / next decision. */
  prevDecision: 'M8 2.5v11L1.5 8zM14.5 2.5v11L8 8z',
  nextDecision: 'M1.5 2.5v11L8 8zM8 2.5v11L14.5 8z',
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  )
}
