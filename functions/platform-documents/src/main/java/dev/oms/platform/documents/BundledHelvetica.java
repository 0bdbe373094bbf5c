package dev.oms.platform.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * Gives PDFBox the Liberation Sans it bundles (metrically compatible with Helvetica) as the glyph source of the
 * standard Helvetica fonts. Without it, every new Helvetica (two per document) makes PDFBox look for a system font,
 * scanning the machine's font folders the first time, and log a "Using fallback font" warning each time. Only
 * Helvetica and Helvetica-Bold are answered here; every other font is mapped as before. Installed once, and only over
 * PDFBox's own mapper, so an application that set its own keeps it.
 */
final class BundledHelvetica implements FontMapper {
    private static final Set<String> NAMES = Set.of("Helvetica", "Helvetica-Bold");
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private static boolean installed;

    private final FontMapper previous;
    private final TrueTypeFont font;

    private BundledHelvetica(FontMapper previous) {
        this.previous = previous;
        try (InputStream in = PDFont.class.getResourceAsStream(FONT)) {
            if (in == null) throw new IOException("PDFBox without " + FONT);
            this.font = new TTFParser().parse(new RandomAccessReadBuffer(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs the mapper over PDFBox's default one; once per JVM, on the first document. */
    static synchronized void install() {
        if (installed) return;
        installed = true;
        FontMapper current = FontMappers.instance();
        if (current.getClass().getName().equals("org.apache.pdfbox.pdmodel.font.FontMapperImpl")) {
            FontMappers.set(new BundledHelvetica(current));
        }
    }

    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
        return NAMES.contains(baseFont) ? new FontMapping<>(font, false) : previous.getTrueTypeFont(baseFont, descriptor);
    }

    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
        return NAMES.contains(baseFont) ? new FontMapping<>(font, false) : previous.getFontBoxFont(baseFont, descriptor);
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo cidSystemInfo) {
        return previous.getCIDFont(baseFont, descriptor, cidSystemInfo);
    }
}
