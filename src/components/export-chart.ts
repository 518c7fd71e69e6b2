/**
 * Exports a chart panel (SVG layers plus canvas layers) as one standalone SVG, or as a PNG.
 * Canvases become embedded images; SVG layers are copied with their computed paint and font
 * inlined, since the page's stylesheets do not travel with the file.
 */
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'display'] as const

const SVG_NS = 'http://www.w3.org/2000/svg'

function inlineStyles(source: Element, target: Element): void {
  const style = getComputedStyle(source)
  const declarations = STYLE_PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';')
  target.setAttribute('style', declarations)
  for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i]!, target.children[i]!)
}

/** One SVG document holding every layer of `root`, positioned as on screen. */
export function composeSvg(root: HTMLElement): { svg: string; width: number; height: number } {
  const box = root.getBoundingClientRect()
  const width = Math.ceil(box.width)
  const height = Math.ceil(box.height)
  const out = document.createElementNS(SVG_NS, 'svg')
  out.setAttribute('xmlns', SVG_NS)
  out.setAttribute('width', String(width))
  out.setAttribute('height', String(height))
  out.setAttribute('viewBox', `0 0 ${width} ${height}`)
  const bg = document.createElementNS(SVG_NS, 'rect')
  bg.setAttribute('width', String(width))
  bg.setAttribute('height', String(height))
  bg.setAttribute('fill', '#ffffff')
  out.appendChild(bg)
  for (const el of root.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg')) {
    // Nested SVGs are copied with their parent; icons inside buttons are not part of a chart.
    if (el.parentElement?.closest('svg') != null || el.closest('button') !== null) continue
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0) continue
    const x = r.left - box.left
    const y = r.top - box.top
    if (el instanceof HTMLCanvasElement) {
      const img = document.createElementNS(SVG_NS, 'image')
      img.setAttribute('href', el.toDataURL('image/png'))
      img.setAttribute('x', String(x))
      img.setAttribute('y', String(y))
      img.setAttribute('width', String(r.width))
      img.setAttribute('height', String(r.height))
      out.appendChild(img)
    } else {
      const copy = el.cloneNode(true) as SVGSVGElement
      inlineStyles(el, copy)
      copy.setAttribute('x', String(x))
      copy.setAttribute('y', String(y))
      copy.setAttribute('width', String(r.width))
      copy.setAttribute('height', String(r.height))
      out.appendChild(copy)
    }
  }
  return { svg: new XMLSerializer().serializeToString(out), width, height }
}

/** Rasterises a composed SVG at the screen's pixel ratio. */
export function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const scale = Math.max(1, window.devicePixelRatio || 1)
    const img = new Image()
    img.onload = () => {
      const canvas = document.createElement('canvas')
      canvas.width = Math.round(width * scale)
      canvas.height = Math.round(height * scale)
      const ctx = canvas.getContext('2d')
      if (ctx === null) return reject(new Error('no canvas'))
      ctx.scale(scale, scale)
      ctx.drawImage(img, 0, 0)
      canvas.toBlob((b) => (b === null ? reject(new Error('PNG encoding failed')) : resolve(b)), 'image/png')
    }
    img.onerror = () => reject(new Error('the chart could not be rendered'))
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  })
}
