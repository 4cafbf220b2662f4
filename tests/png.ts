// Looks into a PNG without a PNG library: its size from the IHDR header, and how many of its
// pixels are dark (ink), by drawing it with resvg (already a dependency) and reading the pixels.
import { Resvg } from '@resvg/resvg-js'

/** Width and height from the PNG header; throws when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(png)
  if (buffer.subarray(1, 4).toString('latin1') !== 'PNG' || buffer.subarray(12, 16).toString('latin1') !== 'IHDR')
    throw new Error('not a PNG')
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) }
}

/** The share of pixels darker than mid-grey, in a given rectangle of the image (default: all). */
export function darkShare(png: Uint8Array, box?: { x: number; y: number; width: number; height: number }): number {
  const { width, height } = pngSize(png)
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="${href}" width="${width}" height="${height}"/></svg>`
  const pixels = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels
  const area = box ?? { x: 0, y: 0, width, height }
  let dark = 0
  for (let y = area.y; y < area.y + area.height; y++)
    for (let x = area.x; x < area.x + area.width; x++) {
      const i = (y * width + x) * 4
      if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 3 * 128 && pixels[i + 3]! > 128) dark++
    }
  return dark / (area.width * area.height)
}
