package dev.oms.platform.documents;

import java.io.IOException;
import java.util.BitSet;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * Text for the standard 14 fonts, which show only what the WinAnsi encoding has (Latin-1 and a few more): anything
 * else becomes {@code '?'}, and control characters become spaces, so no name or address can break a rendering.
 */
final class WinAnsiText {
    /** The Unicode code points that Helvetica and Helvetica-Bold both encode, found once by asking PDFBox. */
    private static final BitSet SHOWN = shown();

    private WinAnsiText() { }

    static String safe(String text) {
        if (text == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            char replacement = Character.isISOControl(cp) || Character.isWhitespace(cp) && cp != ' ' ? ' '
                    : SHOWN.get(cp) ? 0 : '?';
            if (replacement != 0 && out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            if (out != null) {
                if (replacement != 0) out.append(replacement);
                else out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    private static BitSet shown() {
        BundledHelvetica.install();
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        BitSet set = new BitSet(0x2200);
        for (String name : WinAnsiEncoding.INSTANCE.getCodeToNameMap().values()) {
            String unicode = GlyphList.getAdobeGlyphList().toUnicode(name);
            if (unicode == null || unicode.codePointCount(0, unicode.length()) != 1) continue;
            try {
                regular.encode(unicode);
                bold.encode(unicode);
                set.set(unicode.codePointAt(0));
            } catch (IOException | IllegalArgumentException e) {
                // not shown by one of the fonts: stays '?'
            }
        }
        return set;
    }
}
