// The formatting toolbar of the collaborative editor: native buttons (so every one is reachable
// with Tab), arrow keys move between them, toggles report their state with aria-pressed.
import { $createLinkNode, $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link'
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import {
  $createHeadingNode,
  $createQuoteNode,
  $isHeadingNode,
  $isQuoteNode,
  type HeadingTagType,
} from '@lexical/rich-text'
import { $setBlocksType } from '@lexical/selection'
import { INSERT_TABLE_COMMAND } from '@lexical/table'
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from '@lexical/utils'
import {
  $createParagraphNode,
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical'
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'

type Block = 'paragraph' | HeadingTagType | 'quote' | 'bullet' | 'number' | 'other'

interface ToolbarState {
  block: Block
  bold: boolean
  italic: boolean
  link: boolean
  canUndo: boolean
  canRedo: boolean
}

const INITIAL: ToolbarState = {
  block: 'paragraph',
  bold: false,
  italic: false,
  link: false,
  canUndo: false,
  canRedo: false,
}

/** Whether a link target is acceptable as given: an absolute web or e-mail address. */
export function isAllowedUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim()) && normaliseUrl(url) !== null
}

/** Only web and e-mail links; anything else (javascript:, data:) is refused. */
export function normaliseUrl(input: string): string | null {
  const value = input.trim()
  if (!value) return null
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value)
    ? value
    : value.includes('@') && !value.includes('/')
      ? `mailto:${value}`
      : `https://${value}`
  try {
    const url = new URL(candidate)
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.toString() : null
  } catch {
    return null
  }
}

function readState(editor: LexicalEditor): Omit<ToolbarState, 'canUndo' | 'canRedo'> | null {
  return editor.getEditorState().read(() => {
    const selection = $getSelection()
    if (!$isRangeSelection(selection)) return null
    const anchor = selection.anchor.getNode()
    const top = anchor.getKey() === 'root' ? null : anchor.getTopLevelElement()
    let block: Block = 'other'
    if ($isListNode(top))
      block = ($getNearestNodeOfType(anchor, ListNode) ?? top).getListType() === 'number' ? 'number' : 'bullet'
    else if ($isHeadingNode(top)) block = top.getTag()
    else if ($isQuoteNode(top)) block = 'quote'
    else if (top?.getType() === 'paragraph') block = 'paragraph'
    return {
      block,
      bold: selection.hasFormat('bold'),
      italic: selection.hasFormat('italic'),
      link: $findMatchingParent(anchor, $isLinkNode) !== null,
    }
  })
}

/** `disabled` until the document has loaded: commands would otherwise write into an empty editor. */
export function Toolbar({ disabled = false }: { disabled?: boolean }) {
  const [editor] = useLexicalComposerContext()
  const { t } = useTranslation('collab')
  const [state, setState] = useState<ToolbarState>(INITIAL)
  const [linkOpen, setLinkOpen] = useState(false)
  const [linkUrl, setLinkUrl] = useState('')
  const [linkError, setLinkError] = useState(false)
  const toolbarRef = useRef<HTMLDivElement>(null)
  const linkInputId = useId()

  useEffect(() => {
    const refresh = () => {
      const next = readState(editor)
      if (next) setState((s) => ({ ...s, ...next }))
    }
    return mergeRegister(
      editor.registerUpdateListener(refresh),
      editor.registerCommand(SELECTION_CHANGE_COMMAND, () => (refresh(), false), COMMAND_PRIORITY_LOW),
      editor.registerCommand(
        CAN_UNDO_COMMAND,
        (canUndo) => (setState((s) => ({ ...s, canUndo })), false),
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_REDO_COMMAND,
        (canRedo) => (setState((s) => ({ ...s, canRedo })), false),
        COMMAND_PRIORITY_LOW,
      ),
    )
  }, [editor])

  const setBlock = (target: 'paragraph' | HeadingTagType | 'quote') => {
    const next = state.block === target ? 'paragraph' : target
    editor.update(() => {
      const selection = $getSelection()
      if (!$isRangeSelection(selection)) return
      $setBlocksType(selection, () =>
        next === 'paragraph'
          ? $createParagraphNode()
          : next === 'quote'
            ? $createQuoteNode()
            : $createHeadingNode(next),
      )
    })
    editor.focus()
  }
  const toggleList = (type: 'bullet' | 'number') => {
    if (state.block === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined)
    else
      editor.dispatchCommand(type === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined)
    editor.focus()
  }
  const onLink = () => {
    if (state.link) {
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, null)
      return
    }
    setLinkUrl('')
    setLinkError(false)
    setLinkOpen(true)
  }
  const applyLink = () => {
    const url = normaliseUrl(linkUrl)
    if (!url) {
      setLinkError(true)
      return
    }
    let inserted = false
    editor.update(() => {
      const selection = $getSelection()
      // A collapsed selection gets the address itself as the link text.
      if ($isRangeSelection(selection) && selection.isCollapsed()) {
        selection.insertNodes([$createLinkNode(url).append($createTextNode(url))])
        inserted = true
      }
    })
    if (!inserted) editor.dispatchCommand(TOGGLE_LINK_COMMAND, url)
    setLinkOpen(false)
    editor.focus()
  }

  // Arrow keys move between the buttons, as in the WAI-ARIA toolbar pattern.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    const buttons = [...(toolbarRef.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])]
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (i < 0) return
    event.preventDefault()
    buttons[(i + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus()
  }

  const toggle = (label: string, pressed: boolean, onClick: () => void, className = '') => (
    <button
      type="button"
      className={`ed-tool ${className}`}
      aria-pressed={pressed}
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {label}
    </button>
  )
  const action = (label: string, onClick: () => void, inactive = false) => (
    <button
      type="button"
      className="ed-tool"
      disabled={disabled || inactive}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {label}
    </button>
  )

  return (
    <div className="ed-toolbar-wrap">
      <div className="ed-toolbar" role="toolbar" aria-label={t('toolbar.label')} ref={toolbarRef} onKeyDown={onKeyDown}>
        <span className="ed-toolbar__group">
          {toggle(t('toolbar.heading'), state.block === 'h2', () => setBlock('h2'))}
          {toggle(t('toolbar.subheading'), state.block === 'h3', () => setBlock('h3'))}
          {toggle(t('toolbar.quote'), state.block === 'quote', () => setBlock('quote'))}
        </span>
        <span className="ed-toolbar__group">
          {toggle(
            t('toolbar.bold'),
            state.bold,
            () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold'),
            'ed-tool--bold',
          )}
          {toggle(
            t('toolbar.italic'),
            state.italic,
            () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic'),
            'ed-tool--italic',
          )}
          {toggle(t('toolbar.link'), state.link, onLink)}
        </span>
        <span className="ed-toolbar__group">
          {toggle(t('toolbar.bulletList'), state.block === 'bullet', () => toggleList('bullet'))}
          {toggle(t('toolbar.numberedList'), state.block === 'number', () => toggleList('number'))}
          {action(t('toolbar.table'), () =>
            editor.dispatchCommand(INSERT_TABLE_COMMAND, {
              rows: '3',
              columns: '3',
              includeHeaders: { rows: true, columns: false },
            }),
          )}
        </span>
        <span className="ed-toolbar__group">
          {action(t('toolbar.undo'), () => editor.dispatchCommand(UNDO_COMMAND, undefined), !state.canUndo)}
          {action(t('toolbar.redo'), () => editor.dispatchCommand(REDO_COMMAND, undefined), !state.canRedo)}
        </span>
      </div>
      {linkOpen ? (
        <div className="ed-linkform">
          <label htmlFor={linkInputId}>{t('link.url')}</label>
          <input
            id={linkInputId}
            type="text"
            inputMode="url"
            value={linkUrl}
            autoFocus
            aria-invalid={linkError || undefined}
            aria-describedby={linkError ? `${linkInputId}-error` : undefined}
            onChange={(e) => setLinkUrl(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                applyLink()
              } else if (e.key === 'Escape') {
                setLinkOpen(false)
                editor.focus()
              }
            }}
          />
          <button type="button" className="button button--small button--primary" onClick={applyLink}>
            {t('link.apply')}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => (setLinkOpen(false), editor.focus())}
          >
            {t('link.cancel')}
          </button>
          {linkError ? (
            <p id={`${linkInputId}-error`} className="ed-linkform__error">
              {t('link.invalid')}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
