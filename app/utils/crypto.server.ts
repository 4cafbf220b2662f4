import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

// OWASP password storage cheat sheet: argon2id, m=19 MiB, t=2, p=1.
const ARGON2 = {
  algorithm: 2 /* Argon2id; the package's const enum cannot be imported under isolatedModules */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// A hash to verify against when the account does not exist, so the response time does not reveal it.
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'))
  return dummyHash
}

/** A random, URL-safe secret (session ids, invitation tokens). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** Stored instead of the secret itself, so a database leak yields no usable sessions or links. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}
