// Addresses as people write them. Node reports an IPv4 client on a dual-stack socket as an
// IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2: "::ffff:127.0.0.1", sometimes in hex as
// "::ffff:7f00:1"); stored as received, shown as the IPv4 address it is.

const MAPPED_DOTTED = /^(?:0{0,4}:){0,4}(?:0{0,4}:)?:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i
const MAPPED_HEX = /^(?:0{0,4}:){0,4}(?:0{0,4}:)?:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i

/** The address for display: an IPv4-mapped IPv6 address as dotted IPv4, anything else unchanged. */
export function displayAddress(address: string): string {
  const trimmed = address.trim()
  const dotted = MAPPED_DOTTED.exec(trimmed)
  if (dotted) return dotted[1]!
  const hex = MAPPED_HEX.exec(trimmed)
  if (hex) {
    const high = parseInt(hex[1]!, 16)
    const low = parseInt(hex[2]!, 16)
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')
  }
  return trimmed
}
