package dev.kiln.agent.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * XML for report files: document type declarations with entities are refused, so no entity or external file is ever
 * read.
 * Namespaces are ignored (elements are matched by local name).
 */
final class SafeXml {
    private static final Pattern EXTERNAL_DOCTYPE = Pattern.compile("<!DOCTYPE[^\\[<>]*>");

    private SafeXml() {}

    /** The root element of {@code file}, which must be one of {@code roots}. */
    static Element root(InputStream in, String file, String format, String... roots) throws IOException {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            factory.setNamespaceAware(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(new ByteArrayInputStream(withoutExternalDoctype(in.readAllBytes())))
                    .getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not valid XML: " + e.getMessage(), e);
        }
        for (String r : roots) {
            if (name(root).equals(r)) {
                return root;
            }
        }
        throw new IOException(file + " is not a " + format + " report (its root is <" + name(root) + ">, not <"
                + String.join("> or <", roots) + ">)");
    }

    /**
     * Blanks a document type declaration that only names an external DTD (JaCoCo writes one), which would never be
     * read anyway; a declaration with an internal subset stays, and is refused by the parser.
     */
    static byte[] withoutExternalDoctype(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = EXTERNAL_DOCTYPE.matcher(head);
        if (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                xml[i] = ' ';
            }
        }
        return xml;
    }

    /** An element's name without its namespace prefix. */
    static String name(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** The element children of {@code parent} called {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name(e).equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every descendant of {@code parent} called {@code name}, in document order. */
    static List<Element> descendants(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        collect(parent, name, out);
        return out;
    }

    private static void collect(Element parent, String name, List<Element> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (name(e).equals(name)) {
                    out.add(e);
                }
                collect(e, name, out);
            }
        }
    }

    /** The first child called {@code name}, or null. */
    static @Nullable Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The stripped text of the first descendant called {@code name}, or empty. */
    static String text(Element parent, String name) {
        List<Element> found = descendants(parent, name);
        return found.isEmpty() || found.get(0).getTextContent() == null
                ? ""
                : found.get(0).getTextContent().strip();
    }

    /** A whole number attribute, 0 when absent or malformed. */
    static long number(Element e, String attribute) {
        try {
            return Long.parseLong(e.getAttribute(attribute).strip());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** A duration in (possibly fractional) seconds as nanoseconds, 0 when absent or malformed. */
    static long secondsAsNanos(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return 0;
        }
        try {
            return Math.round(Double.parseDouble(seconds.strip().replace(",", "")) * 1e9);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
