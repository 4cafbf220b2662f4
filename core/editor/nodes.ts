// The Lexical node registry shared by the browser editor and the collab-server (headless seeding
// and rendering). Isomorphic: only Lexical node packages, no DOM or React imports. Both sides must
// register the same classes, or the server cannot read what browsers write (and vice versa).
import { AutoLinkNode, LinkNode } from '@lexical/link'
import { ListItemNode, ListNode } from '@lexical/list'
import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table'
import { type Klass, type LexicalNode } from 'lexical'
import { MentionNode } from './mention-node.ts'

export const EDITOR_NODES: readonly Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  // A person mentioned with "@" (ADR 062): the exports and the search read it as its text, "@Name".
  MentionNode,
]

/** The Yjs root type name the Lexical V1 binding uses (`doc.get(YJS_ROOT, Y.XmlText)`). */
export const YJS_ROOT = 'root'
