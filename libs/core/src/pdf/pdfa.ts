/**
 * PDF/A-2b metadata for PDFKit documents made with `subset: 'PDF/A-2b'` (which writes the pdfaid
 * entries and the sRGB OutputIntent). PDFKit writes the Info entries into the XMP packet unescaped
 * (a subject with "&" or "<" would break the XML) and leaves out xmp:ModifyDate, which PDF/A needs
 * to match the Info ModDate. `replaceXmpInfo` writes the same entries, escaped, with both dates.
 * Call it right after `new PDFDocument(...)`, before anything is drawn.
 */
export interface PdfInfo {
  Title: string;
  Author: string;
  Subject?: string;
  Keywords?: string;
  Creator: string;
  Producer: string;
  CreationDate: Date;
  ModDate: Date;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xmpDate = (d: Date) => `${d.toISOString().split('.')[0]}Z`;

export function replaceXmpInfo(doc: PDFKit.PDFDocument, info: PdfInfo): void {
  const d = doc as unknown as { _addInfo: () => void; appendXML: (xml: string) => void };
  d._addInfo = () => {
    d.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>
            <xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate>
            <xmp:MetadataDate>${xmpDate(info.ModDate)}</xmp:MetadataDate>
            <xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>${info.Subject ? `
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>` : ''}
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xml(info.Producer)}</pdf:Producer>${info.Keywords ? `
            <pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>` : ''}
        </rdf:Description>`);
  };
}
