import { inflateRawSync } from 'node:zlib'
import { MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES } from './limits.ts'

// Measures what an XLSX (a zip file) really unpacks to, by inflating every entry with a ceiling on
// the output, before any XML parser sees it. Declared sizes in the headers are not believed. Every
// byte in front of the central directory must belong to a listed entry, so a streaming reader that
// walks the local headers (as exceljs does) cannot meet an entry that was not counted here.

export type ZipCheck = { ok: true; unpackedBytes: number } | { ok: false; error: 'unreadable' | 'tooLargeUnpacked' }

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const DESCRIPTOR = 0x08074b50

export function checkZip(
  zip: Buffer,
  limits = { maxUnpackedBytes: MAX_UNPACKED_BYTES, maxEntries: MAX_ZIP_ENTRIES },
): ZipCheck {
  const unreadable = { ok: false, error: 'unreadable' } as const
  const eocd = findEndOfCentralDirectory(zip)
  if (eocd < 0) return unreadable
  const entries = zip.readUInt16LE(eocd + 10)
  const directorySize = zip.readUInt32LE(eocd + 12)
  const directoryStart = zip.readUInt32LE(eocd + 16)
  // ZIP64 markers: an XLSX under our size limit never needs them.
  if (entries === 0xffff || directoryStart === 0xffffffff || entries === 0 || entries > limits.maxEntries)
    return unreadable
  if (directoryStart + directorySize > eocd) return unreadable

  const spans: { start: number; end: number; descriptor: boolean }[] = []
  let unpacked = 0
  let at = directoryStart
  for (let n = 0; n < entries; n++) {
    if (at + 46 > eocd || zip.readUInt32LE(at) !== CENTRAL) return unreadable
    const flags = zip.readUInt16LE(at + 8)
    const method = zip.readUInt16LE(at + 10)
    const compressedSize = zip.readUInt32LE(at + 20)
    const localStart = zip.readUInt32LE(at + 42)
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    if (flags & 0x1) return unreadable // encrypted
    if (localStart + 30 > directoryStart || zip.readUInt32LE(localStart) !== LOCAL) return unreadable
    const dataStart = localStart + 30 + zip.readUInt16LE(localStart + 26) + zip.readUInt16LE(localStart + 28)
    const dataEnd = dataStart + compressedSize
    if (dataEnd > directoryStart) return unreadable
    const data = zip.subarray(dataStart, dataEnd)
    const room = limits.maxUnpackedBytes - unpacked
    if (method === 0) unpacked += data.length
    else if (method === 8) {
      try {
        unpacked += inflateRawSync(data, { maxOutputLength: room + 1 }).length
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          return { ok: false, error: 'tooLargeUnpacked' }
        return unreadable
      }
    } else return unreadable
    if (unpacked > limits.maxUnpackedBytes) return { ok: false, error: 'tooLargeUnpacked' }
    spans.push({ start: localStart, end: dataEnd, descriptor: (flags & 0x8) !== 0 })
  }
  if (at !== directoryStart + directorySize) return unreadable

  // The entries, in file order, must tile everything before the central directory.
  spans.sort((a, b) => a.start - b.start)
  let expected = 0
  for (const span of spans) {
    if (span.start !== expected) return unreadable
    expected = span.descriptor ? span.end + descriptorLength(zip, span.end) : span.end
  }
  if (expected !== directoryStart) return unreadable
  return { ok: true, unpackedBytes: unpacked }
}

/** A data descriptor is 12 bytes, or 16 with its optional signature. */
function descriptorLength(zip: Buffer, at: number): number {
  return at + 4 <= zip.length && zip.readUInt32LE(at) === DESCRIPTOR ? 16 : 12
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end of the file.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD && at + 22 + zip.readUInt16LE(at + 20) === zip.length) return at
  }
  return -1
}
