package org.provincial.reporting.feedback;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.provincial.reporting.feedback.RejectedCellMark.CommentBox;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Writes an annotated copy of an xlsx without loading it: the parts are copied from the original zip as they are, except
 * the first sheet, streamed once with its marked cells pointed at filled copies of their styles (and the marked cells a
 * row lacks added empty), the styles, which gain those copies, and the new comments with their VML drawing. Memory
 * grows with the marks, not with the file. A first sheet that has comments or a legacy drawing of its own is left to
 * the caller ({@link #annotate} returns false).
 */
final class XlsxAnnotator {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static final String VML_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
    private static final String VML_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing";

    /** Worksheet children that come after legacyDrawing in the schema's order. */
    private static final Set<String> AFTER_LEGACY_DRAWING = Set.of("legacyDrawingHF", "drawingHF", "picture",
            "oleObjects", "controls", "webPublishItems", "tableParts", "extLst");

    // factories are looked up once: each lookup scans the class path; they are thread-safe once configured
    private static final XMLInputFactory INPUTS = XMLHelper.newXMLInputFactory();
    private static final XMLOutputFactory OUTPUTS = XMLOutputFactory.newFactory();
    private static final TransformerFactory TRANSFORMERS = XMLHelper.getTransformerFactory();

    private XlsxAnnotator() {
    }

    /**
     * Copies {@code original} to {@code target} with the marks: row number (1-based) → column index (0-based, -1 for
     * the row's first cell) → message. Returns false, writing nothing, when the first sheet already carries comments.
     */
    static boolean annotate(Path original, String sheetName, NavigableMap<Integer, NavigableMap<Integer, String>> marks,
            Path target) throws IOException {
        Parts parts = parts(original, sheetName);
        if (parts == null) {
            return false;
        }
        try (ZipFile zip = new ZipFile(original.toFile());
                ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16))) {
            int number = 1;
            while (zip.getEntry("xl/comments" + number + ".xml") != null
                    || zip.getEntry("xl/drawings/vmlDrawing" + number + ".vml") != null) {
                number++;
            }
            String commentsName = "xl/comments" + number + ".xml";
            String vmlName = "xl/drawings/vmlDrawing" + number + ".vml";
            String sheetRels = relsName(parts.sheet());
            Relations relations = new Relations(zip, sheetRels);
            relations.add(XSSFRelation.SHEET_COMMENTS.getRelation(), relative(parts.sheet(), commentsName));
            String vmlId = relations.add(VML_RELATION, relative(parts.sheet(), vmlName));

            int styleCount = 0;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.equals(sheetRels) || name.equals(parts.sheet())) {
                    continue; // written below: the relationships with the new ones, the sheet with its marks
                }
                out.putNextEntry(new ZipEntry(name));
                try (InputStream in = zip.getInputStream(entry)) {
                    if (name.equals(parts.styles())) {
                        styleCount = addFilledStyles(in, out);
                    }
                    else if (name.equals("[Content_Types].xml")) {
                        addContentTypes(in, out, "/" + commentsName);
                    }
                    else {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
            // the sheet needs the number of original styles: written last, once the styles are
            out.putNextEntry(new ZipEntry(parts.sheet()));
            List<Note> notes;
            try (InputStream in = zip.getInputStream(zip.getEntry(parts.sheet()))) {
                notes = markSheet(in, out, marks, styleCount, vmlId);
            }
            out.closeEntry();
            out.putNextEntry(new ZipEntry(sheetRels));
            write(relations.document, out);
            out.closeEntry();
            out.putNextEntry(new ZipEntry(commentsName));
            writeComments(notes, out);
            out.closeEntry();
            out.putNextEntry(new ZipEntry(vmlName));
            writeVml(notes, number, out);
            out.closeEntry();
            return true;
        }
        catch (XMLStreamException | SAXException | TransformerException e) {
            throw new IOException("Cannot annotate " + original.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The zip entry names of the sheet named {@code sheetName} (the first sheet when it is null or not found) and of
     * the styles; null when the sheet has comments or drawings of its own.
     */
    private static Parts parts(Path original, String sheetName) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(original.toFile(), PackageAccess.READ)) {
            PackagePart workbook = pkg.getPartsByContentType(XSSFRelation.WORKBOOK.getContentType()).stream().findFirst()
                    .or(() -> pkg.getPartsByContentType(XSSFRelation.MACROS_WORKBOOK.getContentType()).stream().findFirst())
                    .orElseThrow(() -> new IOException("no workbook part"));
            String sheetId = sheetRelationId(workbook, sheetName);
            PackagePart sheet = workbook.getRelatedPart(workbook.getRelationship(sheetId));
            for (PackageRelationship relation : sheet.getRelationships()) {
                if (relation.getRelationshipType().equals(XSSFRelation.SHEET_COMMENTS.getRelation())
                        || relation.getRelationshipType().equals(VML_RELATION)) {
                    return null;
                }
            }
            PackagePart styles = workbook.getRelatedPart(
                    workbook.getRelationshipsByType(XSSFRelation.STYLES.getRelation()).getRelationship(0));
            return new Parts(entryName(sheet), entryName(styles));
        }
        catch (InvalidFormatException | SAXException | RuntimeException e) {
            throw new IOException("Cannot read the parts of " + original.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static String sheetRelationId(PackagePart workbook, String sheetName) throws IOException, SAXException {
        try (InputStream in = workbook.getInputStream()) {
            Document document = XMLHelper.newDocumentBuilder().parse(in);
            NodeList sheets = document.getElementsByTagNameNS(MAIN, "sheet");
            Element chosen = (Element) sheets.item(0);
            for (int i = 0; i < sheets.getLength(); i++) {
                Element sheet = (Element) sheets.item(i);
                if (sheet.getAttribute("name").equals(sheetName)) {
                    chosen = sheet;
                    break;
                }
            }
            return chosen.getAttributeNS(RELATIONSHIPS, "id");
        }
    }

    private static String entryName(PackagePart part) {
        return part.getPartName().getName().substring(1);
    }

    private static String relsName(String partName) {
        int slash = partName.lastIndexOf('/');
        return partName.substring(0, slash + 1) + "_rels/" + partName.substring(slash + 1) + ".rels";
    }

    private static String relative(String from, String to) {
        return PackagingURIHelper.relativizeURI(URI.create("/" + from), URI.create("/" + to)).toString();
    }

    /**
     * Appends a light red solid fill and, for every cell style, a copy of it with that fill (style {@code n + i} is
     * style {@code i} filled); returns n, the number of original cell styles.
     */
    private static int addFilledStyles(InputStream in, OutputStream out) throws IOException, SAXException, TransformerException {
        Document document = XMLHelper.newDocumentBuilder().parse(in);
        Element root = document.getDocumentElement();
        Element fills = child(root, "fills");
        if (fills == null) {
            fills = document.createElementNS(MAIN, "fills");
            root.insertBefore(fills, root.getFirstChild());
        }
        int fillId = children(fills, "fill").size();
        Element fill = document.createElementNS(MAIN, "fill");
        Element pattern = document.createElementNS(MAIN, "patternFill");
        pattern.setAttribute("patternType", "solid");
        Element color = document.createElementNS(MAIN, "fgColor");
        color.setAttribute("rgb", "FF" + RejectedCellMark.FILL_RGB);
        pattern.appendChild(color);
        fill.appendChild(pattern);
        fills.appendChild(fill);
        fills.setAttribute("count", Integer.toString(fillId + 1));

        Element cellXfs = child(root, "cellXfs");
        List<Element> styles = children(cellXfs, "xf");
        for (Element style : styles) {
            Element filled = (Element) style.cloneNode(true);
            filled.setAttribute("fillId", Integer.toString(fillId));
            filled.setAttribute("applyFill", "1");
            cellXfs.appendChild(filled);
        }
        cellXfs.setAttribute("count", Integer.toString(2 * styles.size()));
        write(document, out);
        return styles.size();
    }

    private static void addContentTypes(InputStream in, OutputStream out, String commentsPart)
            throws IOException, SAXException, TransformerException {
        Document document = XMLHelper.newDocumentBuilder().parse(in);
        Element root = document.getDocumentElement();
        boolean vml = children(root, "Default").stream().anyMatch(d -> d.getAttribute("Extension").equalsIgnoreCase("vml"));
        if (!vml) {
            Element type = document.createElementNS(CONTENT_TYPES, "Default");
            type.setAttribute("Extension", "vml");
            type.setAttribute("ContentType", VML_CONTENT_TYPE);
            root.insertBefore(type, root.getFirstChild());
        }
        Element override = document.createElementNS(CONTENT_TYPES, "Override");
        override.setAttribute("PartName", commentsPart);
        override.setAttribute("ContentType", XSSFRelation.SHEET_COMMENTS.getContentType());
        root.appendChild(override);
        write(document, out);
    }

    /**
     * Streams the sheet, element by element through StAX's cursor API: a marked cell gets the filled copy of its style,
     * a marked cell its row lacks is added empty (in column order), and the legacy drawing that holds the comments is
     * referenced. Everything else is copied as it is. Returns the notes placed.
     */
    private static List<Note> markSheet(InputStream in, OutputStream out,
            NavigableMap<Integer, NavigableMap<Integer, String>> marks, int styleCount, String vmlId)
            throws XMLStreamException, IOException {
        XMLStreamReader reader = INPUTS.createXMLStreamReader(in);
        // the writer's many small writes go to the deflater in large ones
        BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(out), 1 << 16);
        buffered.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>".getBytes(StandardCharsets.UTF_8));
        XMLStreamWriter writer = OUTPUTS.createXMLStreamWriter(buffered, "UTF-8");
        List<Note> notes = new ArrayList<>();
        int depth = 0;
        boolean drawingWritten = false;
        int rowNumber = 0;
        int lastColumn = -1;
        boolean firstCellOfRow = false;
        NavigableMap<Integer, String> rowMarks = null;
        String prefix = "";
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String local = reader.getLocalName();
                    depth++;
                    if (depth == 2 && !drawingWritten && AFTER_LEGACY_DRAWING.contains(local)) {
                        writeLegacyDrawing(writer, reader.getPrefix(), vmlId);
                        drawingWritten = true;
                    }
                    String filledStyle = null;
                    String reference = null;
                    if (local.equals("row") && depth == 3) {
                        String r = plainAttribute(reader, "r");
                        rowNumber = r != null ? Integer.parseInt(r) : rowNumber + 1;
                        lastColumn = -1;
                        firstCellOfRow = true;
                        prefix = prefixOf(reader);
                        NavigableMap<Integer, String> found = marks.get(rowNumber);
                        rowMarks = found == null ? null : new TreeMap<>(found);
                    }
                    else if (local.equals("c") && depth == 4 && rowMarks != null) {
                        String r = plainAttribute(reader, "r");
                        int column = r != null ? new CellReference(r).getCol() : lastColumn + 1;
                        String message = rowMarks.remove(column);
                        if (firstCellOfRow) {
                            String wholeRow = rowMarks.remove(-1);
                            message = message == null ? wholeRow : wholeRow == null ? message : message + "\n" + wholeRow;
                        }
                        addMissingCells(writer, rowMarks.headMap(column, false), rowNumber, styleCount, prefix, notes);
                        firstCellOfRow = false;
                        lastColumn = column;
                        if (message != null) {
                            String style = plainAttribute(reader, "s");
                            filledStyle = Integer.toString(styleCount + (style == null ? 0 : Integer.parseInt(style)));
                            reference = r == null ? new CellReference(rowNumber - 1, column).formatAsString(false) : null;
                            notes.add(new Note(rowNumber - 1, column, message));
                        }
                    }
                    copyStartElement(reader, writer, filledStyle, reference);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String local = reader.getLocalName();
                    if (local.equals("row") && depth == 3 && rowMarks != null) {
                        String wholeRow = rowMarks.remove(-1);
                        if (wholeRow != null) {
                            rowMarks.merge(Math.max(lastColumn + 1, 0), wholeRow, (a, b) -> a + "\n" + b);
                        }
                        addMissingCells(writer, rowMarks, rowNumber, styleCount, prefix, notes);
                        rowMarks = null;
                    }
                    if (depth == 1 && !drawingWritten) {
                        writeLegacyDrawing(writer, reader.getPrefix(), vmlId);
                        drawingWritten = true;
                    }
                    depth--;
                    writer.writeEndElement();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE ->
                        writer.writeCharacters(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                case XMLStreamConstants.CDATA -> writer.writeCData(reader.getText());
                case XMLStreamConstants.COMMENT -> writer.writeComment(reader.getText());
                case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                        writer.writeProcessingInstruction(reader.getPITarget(), reader.getPIData());
                case XMLStreamConstants.ENTITY_REFERENCE -> writer.writeEntityRef(reader.getLocalName());
                default -> { } // the declaration is written above; a sheet has no DTD
            }
        }
        writer.flush();
        buffered.flush();
        return notes;
    }

    /**
     * Writes the element the reader stands on with its namespace declarations and attributes; a filled cell gets the
     * style given instead of its own, and its reference when the original left it implicit.
     */
    private static void copyStartElement(XMLStreamReader reader, XMLStreamWriter writer, String filledStyle,
            String reference) throws XMLStreamException {
        writer.writeStartElement(prefixOf(reader), reader.getLocalName(), nullToEmpty(reader.getNamespaceURI()));
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String namespacePrefix = reader.getNamespacePrefix(i);
            if (namespacePrefix == null || namespacePrefix.isEmpty()) {
                writer.writeDefaultNamespace(reader.getNamespaceURI(i));
            }
            else {
                writer.writeNamespace(namespacePrefix, reader.getNamespaceURI(i));
            }
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String namespace = nullToEmpty(reader.getAttributeNamespace(i));
            String local = reader.getAttributeLocalName(i);
            if (filledStyle != null && namespace.isEmpty() && local.equals("s")) {
                continue;
            }
            if (namespace.isEmpty()) {
                writer.writeAttribute(local, reader.getAttributeValue(i));
            }
            else {
                writer.writeAttribute(nullToEmpty(reader.getAttributePrefix(i)), namespace, local, reader.getAttributeValue(i));
            }
        }
        if (reference != null) {
            writer.writeAttribute("r", reference);
        }
        if (filledStyle != null) {
            writer.writeAttribute("s", filledStyle);
        }
    }

    /** The value of an attribute in no namespace of the element the reader stands on, or null. */
    private static String plainAttribute(XMLStreamReader reader, String local) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (local.equals(reader.getAttributeLocalName(i)) && nullToEmpty(reader.getAttributeNamespace(i)).isEmpty()) {
                return reader.getAttributeValue(i);
            }
        }
        return null;
    }

    private static String prefixOf(XMLStreamReader reader) {
        return nullToEmpty(reader.getPrefix());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void addMissingCells(XMLStreamWriter writer, Map<Integer, String> missing,
            int rowNumber, int styleCount, String prefix, List<Note> notes) throws XMLStreamException {
        for (Iterator<Map.Entry<Integer, String>> it = missing.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, String> mark = it.next();
            int column = Math.max(mark.getKey(), 0);
            writer.writeStartElement(prefix, "c", MAIN);
            writer.writeAttribute("r", new CellReference(rowNumber - 1, column).formatAsString(false));
            writer.writeAttribute("s", Integer.toString(styleCount));
            writer.writeEndElement();
            notes.add(new Note(rowNumber - 1, column, mark.getValue()));
            it.remove();
        }
    }

    private static void writeLegacyDrawing(XMLStreamWriter writer, String prefix, String vmlId)
            throws XMLStreamException {
        writer.writeStartElement(nullToEmpty(prefix), "legacyDrawing", MAIN);
        writer.writeNamespace("r", RELATIONSHIPS);
        writer.writeAttribute("r", RELATIONSHIPS, "id", vmlId);
        writer.writeEndElement();
    }

    private static void writeComments(List<Note> notes, OutputStream out)
            throws XMLStreamException, IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(out), 1 << 16);
        XMLStreamWriter xml = OUTPUTS.createXMLStreamWriter(buffered, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("comments");
        xml.writeDefaultNamespace(MAIN);
        xml.writeStartElement("authors");
        xml.writeStartElement("author");
        xml.writeCharacters(RejectedCellMark.AUTHOR);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement("commentList");
        for (Note note : notes) {
            xml.writeStartElement("comment");
            xml.writeAttribute("ref", new CellReference(note.row(), note.column()).formatAsString(false));
            xml.writeAttribute("authorId", "0");
            xml.writeStartElement("text");
            xml.writeStartElement("t");
            xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "space", "preserve");
            xml.writeCharacters(note.message());
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
        buffered.flush();
    }

    /** The drawing Excel shows comments with: one hidden note shape per comment, anchored beside its cell. */
    private static void writeVml(List<Note> notes, int number, OutputStream out) throws IOException {
        StringBuilder vml = new StringBuilder("""
                <xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" \
                xmlns:x="urn:schemas-microsoft-com:office:excel">
                <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="%d"/></o:shapelayout>
                <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">\
                <v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
                """.formatted(number));
        int shape = number * 1024 + 1;
        for (Note note : notes) {
            CommentBox box = CommentBox.beside(note.row(), note.column());
            vml.append("""
                    <v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;visibility:hidden" \
                    fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" \
                    obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">\
                    <div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/>\
                    <x:SizeWithCells/><x:Anchor>%d, 0, %d, 0, %d, 0, %d, 0</x:Anchor><x:AutoFill>False</x:AutoFill>\
                    <x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>
                    """.formatted(shape++, box.firstColumn(), box.firstRow(), box.lastColumn(), box.lastRow(),
                    note.row(), note.column()));
        }
        vml.append("</xml>");
        out.write(vml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Element child(Element parent, String local) {
        List<Element> found = children(parent, local);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && local.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static void write(Document document, OutputStream out) throws TransformerException {
        Transformer transformer = TRANSFORMERS.newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(document), new StreamResult(new NonClosing(out)));
    }

    /** The relationships of the sheet part, existing or new, gaining the comments and the drawing. */
    private static final class Relations {

        private final Document document;
        private final Set<String> ids = new HashSet<>();

        Relations(ZipFile zip, String name) throws IOException {
            try {
                ZipEntry existing = zip.getEntry(name);
                if (existing == null) {
                    document = XMLHelper.newDocumentBuilder().newDocument();
                    document.appendChild(document.createElementNS(PACKAGE_RELATIONSHIPS, "Relationships"));
                }
                else {
                    try (InputStream in = zip.getInputStream(existing)) {
                        document = XMLHelper.newDocumentBuilder().parse(in);
                    }
                }
            }
            catch (SAXException e) {
                throw new IOException("Cannot read " + name + ": " + e.getMessage(), e);
            }
            children(document.getDocumentElement(), "Relationship").forEach(r -> ids.add(r.getAttribute("Id")));
        }

        String add(String type, String target) {
            int n = ids.size() + 1;
            while (ids.contains("rId" + n)) {
                n++;
            }
            String id = "rId" + n;
            ids.add(id);
            Element relation = document.createElementNS(PACKAGE_RELATIONSHIPS, "Relationship");
            relation.setAttribute("Id", id);
            relation.setAttribute("Type", type);
            relation.setAttribute("Target", target);
            document.getDocumentElement().appendChild(relation);
            return id;
        }
    }

    /** An output stream the XML writers may close without closing the zip entry's stream beneath. */
    private static final class NonClosing extends FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private record Parts(String sheet, String styles) {
    }

    /** A comment at a cell (0-based row and column). */
    private record Note(int row, int column, String message) {
    }
}
