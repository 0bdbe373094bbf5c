package dev.oms.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ZplLabelTest {
    private final LabelRenderer renderer = new LabelRenderer();

    @Test
    void oneFormatWithTheBarcodeOfTheTrackingNumber() {
        String zpl = renderer.zpl(Samples.label("1Z999AA10123456784"));

        assertThat(zpl).startsWith("^XA\n").endsWith("^XZ\n");
        assertThat(count(zpl, "^XA")).isEqualTo(1);
        assertThat(count(zpl, "^XZ")).isEqualTo(1);
        assertThat(zpl).contains("^CI28", "^PW812", "^LL1218");
        assertThat(zpl).containsPattern("\\^BY[1-4]\\^FO\\d+,\\d+\\^BCN,200,N,N,N\\^FH\\^FD>:1Z999AA10123456784\\^FS");
        assertThat(fields(zpl)).contains("Acme Outfitters Ltd", "Ada Lovelace", "London N1 1AA", "UPS", "EXPRESS",
                "1Z999AA10123456784", "ORDER 1042", "REF PO-2001", "1 of 2", "1.25 kg");
    }

    @Test
    void evenDigitTrackingNumbersStartInCodeSetC() {
        String zpl = renderer.zpl(Samples.label("9400111899223100012345"));
        assertThat(zpl).contains("^FD>;9400111899223100012345^FS");
    }

    @Test
    void fieldDataIsHexEscaped() {
        PostalAddress to = new PostalAddress("Caret^Tilde~Under_score \u5c71\u7530", List.of("Back\\slash\tTab"), "Oslo", null, "0150", "NO");
        ShippingLabel label = new ShippingLabel(Samples.SHOP, to, "Post^Nord", "~JA", "AB_12^x~y>z", null, 1, 1, "^XZ", null,
                java.time.LocalDate.of(2026, 3, 14));
        String zpl = renderer.zpl(label);

        // nothing the caller wrote can end a field, start a command or end the format
        List<String> data = fieldData(zpl);
        assertThat(data).isNotEmpty().allSatisfy(d -> assertThat(d).doesNotContain("^", "~", "\n", "\t"));
        assertThat(count(zpl, "^FD")).isEqualTo(count(zpl, "^FS") - count(zpl, "^GB"));
        assertThat(count(zpl, "^FD")).isEqualTo(count(zpl, "^FH^FD"));
        assertThat(count(zpl, "^XZ")).isEqualTo(1);
        assertThat(zpl).contains("^FDCaret_5ETilde_7EUnder_5Fscore \u5c71\u7530^FS", "^FDBack\\\\slash Tab^FS",
                "^FDPost_5ENord^FS", "^FD_7EJA^FS", "^FDORDER _5EXZ^FS");
        // in the barcode, '>' is written '><' (a literal '>' in ^BC data)
        assertThat(zpl).contains("^FD>:AB_5F12_5Ex_7Ey><z^FS");
    }

    private static List<String> fieldData(String zpl) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\^FD(.*?)\\^FS", Pattern.DOTALL).matcher(zpl);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** The text fields' data with the ^FH escapes decoded. */
    private static List<String> fields(String zpl) {
        return fieldData(zpl).stream().map(d -> d.replace("_5E", "^").replace("_7E", "~").replace("_5F", "_")).toList();
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) n++;
        return n;
    }
}
