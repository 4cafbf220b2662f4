// A mention of a person in a co-edited document (issue 14, ADR 062): a text node in token mode
// (deleted and selected as a whole, never typed into) showing "@Name", that also carries the
// person's id and an id of its own. The person's id says whom to tell; the mention's id makes
// "tell them" happen once per mention however often the document is rendered (the collab-server
// finds mentions when it compacts a document). Isomorphic, like the rest of the node registry:
// createDOM runs only in browsers, exportDOM in the headless renderer under happy-dom.
import {
  $applyNodeReplacement,
  TextNode,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedTextNode,
  type Spread,
} from 'lexical'

export type SerializedMentionNode = Spread<{ userId: string; mentionId: string }, SerializedTextNode>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export class MentionNode extends TextNode {
  __userId: string
  __mentionId: string

  static getType(): string {
    return 'mention'
  }

  static clone(node: MentionNode): MentionNode {
    return new MentionNode(node.__userId, node.__mentionId, node.__text, node.__key)
  }

  static importJSON(json: SerializedMentionNode): MentionNode {
    return $createMentionNode(json.userId, json.mentionId, json.text).updateFromJSON(json)
  }

  constructor(userId = '', mentionId = '', text = '', key?: NodeKey) {
    super(text, key)
    this.__userId = userId
    this.__mentionId = mentionId
  }

  afterCloneFrom(prev: this): void {
    super.afterCloneFrom(prev)
    this.__userId = prev.__userId
    this.__mentionId = prev.__mentionId
  }

  updateFromJSON(json: LexicalUpdateJSON<SerializedMentionNode>): this {
    return super.updateFromJSON(json).setMode('token')
  }

  exportJSON(): SerializedMentionNode {
    return { ...super.exportJSON(), userId: this.getUserId(), mentionId: this.getMentionId() }
  }

  /** The mentioned person's id (trusted only after the server checked they may read the plan). */
  getUserId(): string {
    return this.getLatest().__userId
  }

  /** This mention's own id (a uuid made when it was inserted). */
  getMentionId(): string {
    return this.getLatest().__mentionId
  }

  /** The name as shown, without the "@". */
  getName(): string {
    return this.getTextContent().replace(/^@/, '')
  }

  createDOM(config: EditorConfig): HTMLElement {
    const element = super.createDOM(config)
    element.classList.add('collab__mention')
    element.dataset.mention = this.__userId
    return element
  }

  exportDOM(editor: LexicalEditor): DOMExportOutput {
    const output = super.exportDOM(editor)
    // No `instanceof HTMLElement`: under happy-dom the global class may not be the one that made it.
    const element = output.element as HTMLElement | null
    if (element && typeof element.setAttribute === 'function') element.setAttribute('data-mention', this.__userId)
    return output
  }

  isTextEntity(): true {
    return true
  }

  canInsertTextBefore(): boolean {
    return false
  }

  canInsertTextAfter(): boolean {
    return false
  }
}

/** A mention of `userId` shown as "@name"; `mentionId` is a fresh uuid for a new mention. */
export function $createMentionNode(userId: string, mentionId: string, text: string): MentionNode {
  return $applyNodeReplacement(new MentionNode(userId, mentionId, text).setMode('token'))
}

export function $isMentionNode(node: LexicalNode | null | undefined): node is MentionNode {
  return node instanceof MentionNode
}

/** Whether a mention's ids are well formed (a hand-made update could carry anything). */
export function isWellFormedMention(userId: unknown, mentionId: unknown): boolean {
  return typeof userId === 'string' && typeof mentionId === 'string' && UUID.test(userId) && UUID.test(mentionId)
}

/** A mention as the collab-server finds it in a rendered document. */
export interface DocumentMention {
  userId: string
  mentionId: string
  /** The name as the document shows it (the one told sees the portal's current name instead). */
  name: string
  /** The text of the block the mention sits in, capped: what the notification quotes. */
  excerpt: string
  /** The Yjs client id that created the mention's item, for its author (null when unknown). */
  clientId: number | null
}

/** The most mentions one document rendering reports (beyond them, a document is a mailing list). */
export const MAX_DOCUMENT_MENTIONS = 200
