package dev.oms.platform.documents;

/**
 * A shipping label in ZPL II, for a 4 x 6 inch label at 203 dpi (812 x 1218 dots). Every field is sent with
 * {@code ^FH}, so the caller's text can hold {@code ^}, {@code ~} and {@code _} (written {@code _5E}, {@code _7E},
 * {@code _5F}); field data is UTF-8 ({@code ^CI28}). The barcode names its code set ({@code >;} C for even digit
 * counts, {@code >:} B otherwise), so the printer draws the same symbol as {@link Code128} and the PDF.
 */
public final class ZplLabel {
    static final int WIDTH = 812;
    static final int HEIGHT = 1218;
    private static final int MARGIN = 30;

    private final StringBuilder z = new StringBuilder(2048);

    private ZplLabel() { }

    public static String of(ShippingLabel label) {
        return new ZplLabel().render(label);
    }

    private String render(ShippingLabel label) {
        z.append("^XA\n^CI28\n^PW").append(WIDTH).append("\n^LL").append(HEIGHT).append("\n^LH0,0\n");

        // sender, top left; parcel and weight, top right
        text(MARGIN, 30, 18, 500, 'L', "FROM");
        int y = 54;
        text(MARGIN, y, 24, 500, 'L', label.shipFrom().name());
        for (String line : LabelRenderer.limit(label.shipFrom().printLines(), 5)) {
            y += 26;
            text(MARGIN, y, 22, 500, 'L', line);
        }
        text(560, 30, 18, WIDTH - 560 - MARGIN, 'R', "PARCEL");
        text(560, 54, 40, WIDTH - 560 - MARGIN, 'R', label.parcelIndex() + " of " + label.parcelCount());
        if (label.weightGrams() != null) {
            text(560, 102, 26, WIDTH - 560 - MARGIN, 'R', Amounts.kilograms(label.weightGrams()));
        }
        rule(240, 3);

        // recipient, large
        text(MARGIN, 262, 20, 500, 'L', "SHIP TO");
        y = 292;
        text(MARGIN + 20, y, 42, WIDTH - 2 * MARGIN - 20, 'L', label.shipTo().name());
        y += 6;
        for (String line : LabelRenderer.limit(label.shipTo().printLines(), 7)) {
            y += 38;
            text(MARGIN + 20, y, 34, WIDTH - 2 * MARGIN - 20, 'L', line);
        }
        rule(612, 6);

        // carrier and service
        text(MARGIN, 640, 48, 380, 'L', label.carrier());
        text(420, 640, 48, WIDTH - 420 - MARGIN, 'R', label.serviceCode());
        rule(705, 3);

        // the tracking number: barcode, then text
        barcode(label.trackingNumber(), 735, 200);
        text(0, 950, 34, WIDTH, 'C', label.trackingNumber());
        rule(1000, 3);

        // the order
        text(MARGIN, 1025, 30, 500, 'L', "ORDER " + label.orderNumber());
        if (label.reference() != null && !label.reference().isBlank()) {
            text(MARGIN, 1065, 26, 500, 'L', "REF " + label.reference());
        }
        text(560, 1025, 26, WIDTH - 560 - MARGIN, 'R', label.createdOn().toString());
        z.append("^PQ1\n^XZ\n");
        return z.toString();
    }

    /**
     * A line of text in font 0, cut to what fits in width dots, aligned L, C or R in a one-line field block (where a
     * backslash starts a control sequence, so one is written as two).
     */
    private void text(int x, int y, int height, int width, char align, String value) {
        int maxChars = Math.max(4, (int) (width / (height * 0.6)));
        String v = value.codePointCount(0, value.length()) <= maxChars ? value
                : value.substring(0, value.offsetByCodePoints(0, maxChars - 3)) + "...";
        z.append("^FO").append(x).append(',').append(y)
                .append("^A0N,").append(height).append(',').append(height)
                .append("^FB").append(width).append(",1,0,").append(align).append(",0")
                .append("^FH^FD").append(escape(v).replace("\\", "\\\\")).append("^FS\n");
    }

    private void rule(int y, int thickness) {
        z.append("^FO").append(MARGIN - 10).append(',').append(y)
                .append("^GB").append(WIDTH - 2 * (MARGIN - 10)).append(',').append(thickness).append(',').append(thickness)
                .append("^FS\n");
    }

    /** Code 128 centred, with the widest module (2 to 4 dots) that leaves the quiet zones on the label. */
    private void barcode(String data, int y, int height) {
        int modules = Code128.modules(data);
        int module = Math.max(2, Math.min(LabelRenderer.MAX_MODULE_DOTS, (WIDTH - 2 * 10) / (modules + 2 * ShippingLabel.QUIET_ZONE)));
        int x = Math.max(0, (WIDTH - modules * module) / 2);
        int[] symbols = Code128.symbols(data);
        String start = symbols[0] == Code128.START_C ? ">;" : ">:";
        z.append("^BY").append(module).append("^FO").append(x).append(',').append(y)
                .append("^BCN,").append(height).append(",N,N,N")
                .append("^FH^FD").append(start).append(escape(data).replace(">", "><")).append("^FS\n");
    }

    /**
     * Field data for {@code ^FH}: {@code _}, {@code ^} and {@code ~} as hex escapes, control characters as spaces. Any
     * other character is sent as is (UTF-8 under {@code ^CI28}).
     */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '_' -> out.append("_5F");
                case '^' -> out.append("_5E");
                case '~' -> out.append("_7E");
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
