import { strFromU8, strToU8, Unzlib, unzlibSync, zlibSync } from 'fflate'
import type { CustomPolicySource } from '../engine/policies/custom.ts'
import type { Scenario } from '../engine/types.ts'
import { describeIssue, InputError } from '../engine/workloads/errors.ts'
import { formatScenarioJson, parseScenarioJson, type ScenarioDocument } from '../engine/workloads/scenario-json.ts'

/**
 * The scenario in a link: `#s=<version>.<base64url(zlib(scenario JSON))>`. The version names
 * the encoding, the JSON carries its own schema version, so old links fail with a message.
 */
export const LINK_VERSION = 1
export const LINK_PREFIX = '#s='
/** Longer links break in chat apps and some browsers; such scenarios go out as a JSON file. */
export const MAX_LINK_CHARS = 32_000

export interface SharedScenario extends ScenarioDocument {
  readonly label: string
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** Text compressed with zlib, in base64url (safe in a URL and in a JSON string). */
export function zipText(text: string): string {
  return toBase64Url(zlibSync(strToU8(text), { level: 6 }))
}

/** Thrown by unzipText when the text would unzip to more than it allows. */
export class TooLargeError extends Error {}

/** Compressed input is fed to zlib this much at a time, so an oversized output stops early. */
const UNZIP_CHUNK = 1024

/**
 * The text zipText compressed; throws on anything else, and a TooLargeError as soon as the
 * output passes `maxBytes`: a few kilobytes of zlib can unzip to gigabytes (a zlib bomb froze
 * the page for 27 s), and 1 KB of input unzips to at most about 1 MB.
 */
export function unzipText(zipped: string, maxBytes = Infinity): string {
  const bytes = fromBase64Url(zipped)
  if (maxBytes === Infinity) return strFromU8(unzlibSync(bytes))
  const parts: Uint8Array[] = []
  let size = 0
  const inflate = new Unzlib((chunk) => {
    size += chunk.length
    if (size > maxBytes) throw new TooLargeError(`unzips to more than ${maxBytes / 1e6} MB`)
    parts.push(chunk)
  })
  for (let i = 0; i < bytes.length; i += UNZIP_CHUNK) inflate.push(bytes.subarray(i, i + UNZIP_CHUNK), i + UNZIP_CHUNK >= bytes.length)
  if (bytes.length === 0) inflate.push(bytes, true)
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return strFromU8(out)
}

/** Scenario JSON compresses well, but not beyond this: longer JSON is refused without trying. */
const MAX_COMPRESSION_RATIO = 12

/** The hash for a scenario, or null when it would be too long for a link. */
export function encodeScenarioHash(scenario: Scenario, algorithms: readonly string[], label: string, custom: readonly CustomPolicySource[] = []): string | null {
  return encodeScenarioJsonHash(formatScenarioJson(scenario, algorithms, 2, custom), label)
}

/** The same from the scenario file's text (formatScenarioJson), when the caller has it already. */
export function encodeScenarioJsonHash(scenarioJson: string, label: string): string | null {
  const json = linkJson(scenarioJson, label)
  return json === null ? null : linkOf(zipText(json))
}

/** What a link zips: the scenario's JSON with its label; null when it could not fit in a link. */
function linkJson(scenarioJson: string, label: string): string | null {
  if (scenarioJson.length > MAX_LINK_CHARS * MAX_COMPRESSION_RATIO) return null
  // The label rides along as the first key; the reader ignores keys it does not know.
  return `{"label":${JSON.stringify(label)},${scenarioJson.trimStart().slice(1)}`
}

function linkOf(zipped: string): string | null {
  const hash = `${LINK_PREFIX}${LINK_VERSION}.${zipped}`
  return hash.length <= MAX_LINK_CHARS ? hash : null
}

/**
 * zipText's format (zlib, in base64url), compressed by the platform's own zlib where it has one
 * (CompressionStream): for a 10,000-task scenario (1 MB of JSON) it takes a fraction of the
 * time fflate's takes. The bytes may differ from zipText's; both read back alike.
 */
export async function zipTextFast(text: string): Promise<string> {
  if (typeof CompressionStream !== 'function' || typeof Blob.prototype.stream !== 'function') return zipText(text)
  try {
    const zipped = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate'))
    return toBase64Url(new Uint8Array(await new Response(zipped).arrayBuffer()))
  } catch {
    return zipText(text)
  }
}

/**
 * Beyond this much JSON a scenario is saved in the browser compressed: writing localStorage
 * takes the page's thread about 2 ms per 100 KB (a 10,000-task scenario is about 1 MB of JSON,
 * a fifth of that compressed), and the browser's quota goes further.
 */
export const ZIP_STORED_FROM_CHARS = 200_000

/** What the browser keeps of a scenario: its compact JSON, or that JSON zipped (zipText). */
export type StoredScenario = { readonly json: string } | { readonly zipped: string }

/** A scenario encoded for keeping: what the browser saves, and its link. */
export interface EncodedScenario {
  readonly stored: StoredScenario
  /** Null when the scenario is too long for a link. */
  readonly hash: string | null
}

/**
 * Encodes a scenario for the link and the browser's storage (runs in a worker in the app), with
 * the policies written by the user (`custom`): a link's reader is asked before they run.
 */
export async function encodeScenario(scenario: Scenario, algorithms: readonly string[], label: string, custom: readonly CustomPolicySource[] = []): Promise<EncodedScenario> {
  // Compact: a link and saved state need no indentation, and it halves the work.
  const json = formatScenarioJson(scenario, algorithms, 0, custom)
  const stored = json.length >= ZIP_STORED_FROM_CHARS ? { zipped: await zipTextFast(json) } : { json }
  const forLink = linkJson(json, label)
  return { stored, hash: forLink === null ? null : linkOf(await zipTextFast(forLink)) }
}

/**
 * A link's JSON unzips to at most this: the encoder refuses scenarios whose JSON exceeds
 * MAX_LINK_CHARS × MAX_COMPRESSION_RATIO (384,000 characters), so this leaves room for any
 * label and for non-ASCII text, and refuses a zlib bomb after 4 MB of work.
 */
export const MAX_LINK_UNZIPPED_BYTES = 4_000_000

/**
 * What is wrong with the scenario inside a link, as one phrase after "it" (the page says
 * "This link could not be opened: it ..."), without the reader's `link: file:` prefixes.
 */
function linkScenarioProblem(e: InputError): string {
  const [first, ...rest] = e.issues
  if (first !== undefined && rest.length === 0 && first.where === 'file') return `holds a scenario that ${first.message}`
  const said = e.issues.map((i) => (i.where !== 'file' ? describeIssue(i) : i.message.startsWith('and ') ? i.message : `the scenario ${i.message}`))
  return said.length === 1 ? `holds a scenario with a problem: ${said[0]}` : `holds a scenario with ${said.length} problems: ${said.join('; ')}`
}

/**
 * Reads a hash written by encodeScenarioHash. Returns null when the hash holds no scenario;
 * throws an InputError saying what is wrong with a malformed or outdated link.
 */
export function decodeScenarioHash(hash: string): SharedScenario | null {
  if (!hash.startsWith(LINK_PREFIX)) return null
  const body = hash.slice(LINK_PREFIX.length)
  const dot = body.indexOf('.')
  const version = Number(body.slice(0, dot))
  if (dot < 0 || !Number.isInteger(version)) throw new InputError('link', [{ where: 'link', message: 'is not a SchedScope scenario link' }])
  if (version !== LINK_VERSION) {
    throw new InputError('link', [{ where: 'link', message: `was made by another version of SchedScope (link format ${version}, this one reads ${LINK_VERSION})` }])
  }
  let json: string
  try {
    json = unzipText(body.slice(dot + 1), MAX_LINK_UNZIPPED_BYTES)
  } catch (e) {
    if (e instanceof TooLargeError) throw new InputError('link', [{ where: 'link', message: `${e.message}: it holds more than any SchedScope link does` }])
    throw new InputError('link', [{ where: 'link', message: 'is damaged (it may have been cut short when copied)' }])
  }
  let doc: ScenarioDocument
  try {
    doc = parseScenarioJson(json, 'link', { extraKeys: ['label'] })
  } catch (e) {
    throw e instanceof InputError ? new InputError('link', [{ where: 'link', message: linkScenarioProblem(e) }]) : e
  }
  let label = doc.scenario.name
  try {
    const raw = JSON.parse(json) as { label?: unknown }
    if (typeof raw.label === 'string' && raw.label.length <= 200) label = raw.label
  } catch {
    // parseScenarioJson already accepted the JSON
  }
  return { ...doc, label }
}
