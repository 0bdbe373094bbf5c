package dev.oms.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelRendererTest {
    private final LabelRenderer renderer = new LabelRenderer();

    @Test
    void aFourBySixPageWithAddressesCarrierTrackingAndOrder() throws IOException {
        byte[] pdf = renderer.pdf(Samples.label("1Z999AA10123456784"));

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = doc.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isEqualTo(288f);
            assertThat(box.getHeight()).isEqualTo(432f);
        }
        String text = Pdfs.text(pdf);
        assertThat(text).contains("Acme Outfitters Ltd", "Unit 4, Riverside Park", "Leeds LS1 4AB",
                "Ada Lovelace", "12 Analytical Street", "Flat 3", "London N1 1AA", "GB",
                "UPS", "EXPRESS", "1Z999AA10123456784", "ORDER 1042", "REF PO-2001", "1 of 2", "1.25 kg", "2026-03-14");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1Z999AA10123456784", "9400111899223100012345", "JJD-000390007#8a", "AB_12^x~y>z\\w"})
    void theBarcodeDecodesToTheTrackingNumber(String tracking) throws Exception {
        byte[] pdf = renderer.pdf(Samples.label(tracking));

        assertThat(decode(pdf, 203)).isEqualTo(tracking);
    }

    @ParameterizedTest
    @ValueSource(ints = {203, 300})
    void theLongestTrackingNumbersStillDecodeAtPrinterResolutions(int dpi) throws Exception {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-x"; // 28 characters in set B
        String digits = "12345678901234567890123456789012345678901234567890123456"; // 56 digits in set C
        assertThat(decode(renderer.pdf(Samples.label(letters)), dpi)).isEqualTo(letters);
        assertThat(decode(renderer.pdf(Samples.label(digits)), dpi)).isEqualTo(digits);
        assertThatThrownBy(() -> Samples.label(letters + "X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samples.label(digits + "00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonLatinNamesRenderWithQuestionMarksInsteadOfFailing() throws IOException {
        PostalAddress to = new PostalAddress("\u5c71\u7530 \u592a\u90ce / \u0395\u03bb\u03ad\u03bd\u03b7 / Zo\u00eb \u00d8rsted \ud83d\udce6",
                List.of("1-2-3 \u6e0b\u8c37\tBuilding\n5F"), "\u6771\u4eac", null, "150-0002", "JP");
        byte[] pdf = renderer.pdf(Samples.labelTo(to));

        String text = Pdfs.text(pdf);
        assertThat(text).contains("?? ?? / ????? / Zo\u00eb \u00d8rsted ?", "1-2-3 ?? Building 5F", "?? 150-0002", "JD014600006251234567");
    }

    @Test
    void tooManyStreetLinesDropStreetLinesNotTheCityOrCountry() throws IOException {
        PostalAddress to = new PostalAddress("Ada Lovelace", List.of("Line A", "Line B", "Line C", "Line D", "Line E", "Line F", "Line G"),
                "London", null, "N1 1AA", "GB");
        ShippingLabel label = Samples.labelTo(to);

        String text = Pdfs.text(renderer.pdf(label));
        assertThat(text).contains("Line A", "Line E", "London N1 1AA", "GB").doesNotContain("Line F", "Line G");
        assertThat(renderer.zpl(label)).contains("^FDLine E^FS", "^FDLondon N1 1AA^FS", "^FDGB^FS").doesNotContain("Line F");
    }

    @Test
    void labelsRefuseImpossibleParcelsAndTrackingNumbers() {
        PostalAddress a = Samples.ADA;
        LocalDate d = LocalDate.of(2026, 1, 1);
        assertThatThrownBy(() -> new ShippingLabel(a, a, "UPS", "X", "1Z1", null, 3, 2, "1", null, d))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShippingLabel(a, a, "UPS", "X", "1Z\u00e91", null, 1, 1, "1", null, d))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShippingLabel(a, a, "UPS", "X", "1Z1", 0, 1, 1, "1", null, d))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Page 1 rasterised (203 dpi is a thermal printer's resolution) and read as Code 128 by zxing. */
    static String decode(byte[] pdf, int dpi) throws IOException, NotFoundException {
        BufferedImage image;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            image = new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Result result = new MultiFormatReader().decode(bitmap, Map.of(
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128),
                DecodeHintType.TRY_HARDER, Boolean.TRUE));
        assertThat(result.getBarcodeFormat()).isEqualTo(BarcodeFormat.CODE_128);
        return result.getText();
    }
}
