import { useEffect, useRef, useState, type RefObject } from 'react'

/**
 * Whether the element's panel is on screen (or within `margin` of it), so views below the
 * fold can skip work nobody sees. The panel is observed rather than the element: panels below
 * the fold skip rendering their content (content-visibility), which leaves nothing inside them
 * to intersect. True where IntersectionObserver is missing (tests), and until the first report.
 */
export function useInView<E extends HTMLElement>(margin = '0px'): [RefObject<E | null>, boolean] {
  const ref = useRef<E>(null)
  const [inView, setInView] = useState(true)
  useEffect(() => {
    const el = ref.current
    if (el === null || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1]
        if (last !== undefined) setInView(last.isIntersecting)
      },
      { rootMargin: margin },
    )
    observer.observe(el.closest<HTMLElement>('.panel') ?? el)
    return () => observer.disconnect()
  }, [margin])
  return [ref, inView]
}

/** `value` while `live`; the last live value while not (what an off-screen view last showed). */
export function useHeldWhileHidden<T>(value: T, live: boolean): T {
  const held = useRef(value)
  if (live) held.current = value
  return held.current
}
