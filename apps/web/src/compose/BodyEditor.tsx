import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import TextAlign from '@tiptap/extension-text-align';
import { Button, Divider, Tooltip } from 'antd';
import {
  AlignCenterOutlined,
  AlignLeftOutlined,
  AlignRightOutlined,
  BoldOutlined,
  DeleteColumnOutlined,
  DeleteOutlined,
  DeleteRowOutlined,
  InsertRowBelowOutlined,
  InsertRowRightOutlined,
  ItalicOutlined,
  MenuOutlined,
  OrderedListOutlined,
  RedoOutlined,
  TableOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { toBodyDoc, type BodyDoc } from './content';

/**
 * The editor's schema IS the contract's body model (letter-content.ts): StarterKit limited to
 * paragraph, bold, italic, underline, bullet and ordered lists, hard break (+ undo/redo); simple
 * tables whose cells hold paragraphs; text-align on paragraphs. Headings, links, code, quotes,
 * strike, rules… are not registered, so nothing of them survives a paste (ProseMirror keeps the
 * text and drops what the schema does not know).
 *
 * CSP: style-src has no 'unsafe-inline', so nothing here renders a `style` attribute: alignment is a
 * class (naskah-align-*), table cells have no align/width attributes, tiptap's injected CSS is off
 * (compose.css has the editor's rules).
 */
const Align = TextAlign.extend({
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph'],
        attributes: {
          textAlign: {
            default: null,
            parseHTML: (el: HTMLElement) => {
              const v = el.style.textAlign || [...el.classList].find((c) => c.startsWith('naskah-align-'))?.slice(13) || null;
              return v && ['left', 'center', 'right', 'justify'].includes(v) ? v : null;
            },
            renderHTML: (a: { textAlign?: string | null }) => (a.textAlign ? { class: `naskah-align-${a.textAlign}` } : {}),
          },
        },
      },
    ];
  },
}).configure({ types: ['paragraph'], alignments: ['left', 'center', 'right', 'justify'] });

/** Cells of paragraphs only, no colspan/rowspan/width/align to carry. */
const cellSpec = {
  content: 'paragraph+',
  addAttributes: () => ({ colspan: { default: 1, rendered: false }, rowspan: { default: 1, rendered: false }, colwidth: { default: null, rendered: false } }),
};
const NaskahTable = Table.extend({
  renderHTML: ({ HTMLAttributes }) => {
    const { style: _style, ...attrs } = HTMLAttributes as Record<string, unknown>;
    return ['table', { ...attrs, class: 'naskah-table' }, ['tbody', 0]];
  },
}).configure({ resizable: false });

export const EXTENSIONS = [
  StarterKit.configure({
    heading: false,
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    link: false,
    dropcursor: false,
  }),
  NaskahTable,
  TableRow,
  TableHeader.extend(cellSpec),
  TableCell.extend(cellSpec),
  Align,
];

interface Props {
  id: string;
  /** read once, when the editor is made (give the component a new key to load another document) */
  value?: BodyDoc;
  onChange?: (doc: BodyDoc) => void;
  invalid?: boolean;
  describedBy?: string;
}

export function BodyEditor({ id, value, onChange, invalid, describedBy }: Props) {
  const editor = useEditor({
    extensions: EXTENSIONS,
    content: value ?? undefined,
    injectCSS: false,
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Isi naskah',
        class: 'naskah-editor-area',
        spellcheck: 'true',
        lang: 'id',
        // editorProps are applied again on each render (useEditor → setOptions), so these follow the field's state
        'aria-invalid': invalid ? 'true' : 'false',
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      },
    },
    onUpdate: ({ editor: e }) => onChange?.(toBodyDoc(e.getJSON())),
  });

  return (
    <div className={`naskah-editor${invalid ? ' naskah-editor-invalid' : ''}`}>
      {editor && <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      left: e.isActive({ textAlign: 'left' }),
      center: e.isActive({ textAlign: 'center' }),
      right: e.isActive({ textAlign: 'right' }),
      justify: e.isActive({ textAlign: 'justify' }),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const btn = (label: string, icon: React.ReactNode, onClick: () => void, pressed?: boolean, disabled?: boolean) => (
    <Tooltip title={label} key={label}>
      <Button
        type={pressed ? 'primary' : 'text'}
        ghost={pressed}
        size="small"
        icon={icon}
        aria-label={label}
        aria-pressed={pressed === undefined ? undefined : pressed}
        disabled={disabled}
        onMouseDown={(e) => e.preventDefault()} // keep the selection in the editor
        onClick={onClick}
      />
    </Tooltip>
  );
  return (
    <div role="toolbar" aria-label="Format isi naskah" className="naskah-toolbar">
      {btn('Tebal', <BoldOutlined aria-hidden />, () => chain().toggleBold().run(), s.bold)}
      {btn('Miring', <ItalicOutlined aria-hidden />, () => chain().toggleItalic().run(), s.italic)}
      {btn('Garis bawah', <UnderlineOutlined aria-hidden />, () => chain().toggleUnderline().run(), s.underline)}
      <Divider orientation="vertical" />
      {btn('Daftar berpoin', <UnorderedListOutlined aria-hidden />, () => chain().toggleBulletList().run(), s.bullet)}
      {btn('Daftar bernomor', <OrderedListOutlined aria-hidden />, () => chain().toggleOrderedList().run(), s.ordered)}
      <Divider orientation="vertical" />
      {btn('Rata kiri', <AlignLeftOutlined aria-hidden />, () => chain().setTextAlign('left').run(), s.left)}
      {btn('Rata tengah', <AlignCenterOutlined aria-hidden />, () => chain().setTextAlign('center').run(), s.center)}
      {btn('Rata kanan', <AlignRightOutlined aria-hidden />, () => chain().setTextAlign('right').run(), s.right)}
      {btn('Rata kiri-kanan', <MenuOutlined aria-hidden />, () => chain().setTextAlign('justify').run(), s.justify)}
      <Divider orientation="vertical" />
      {btn('Sisipkan tabel 2 × 3', <TableOutlined aria-hidden />, () => chain().insertTable({ rows: 2, cols: 3, withHeaderRow: true }).run(), undefined, s.inTable)}
      {s.inTable && (
        <>
          {btn('Tambah baris', <InsertRowBelowOutlined aria-hidden />, () => chain().addRowAfter().run())}
          {btn('Tambah kolom', <InsertRowRightOutlined aria-hidden />, () => chain().addColumnAfter().run())}
          {btn('Hapus baris', <DeleteRowOutlined aria-hidden />, () => chain().deleteRow().run())}
          {btn('Hapus kolom', <DeleteColumnOutlined aria-hidden />, () => chain().deleteColumn().run())}
          {btn('Hapus tabel', <DeleteOutlined aria-hidden />, () => chain().deleteTable().run())}
        </>
      )}
      <Divider orientation="vertical" />
      {btn('Urungkan', <UndoOutlined aria-hidden />, () => chain().undo().run(), undefined, !s.canUndo)}
      {btn('Ulangi', <RedoOutlined aria-hidden />, () => chain().redo().run(), undefined, !s.canRedo)}
    </div>
  );
}
