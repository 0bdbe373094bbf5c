package dev.oms.platform.documents;

import java.util.ArrayList;
import java.util.List;

/**
 * Code 128 (ISO/IEC 15417) for tracking numbers. Data of 4 or more digits, an even count of them, is encoded in code
 * set C (two digits a symbol, so long numeric tracking numbers stay narrow); anything else in code set B (printable
 * ASCII, 32 to 126). A symbol is its start code, the data, the modulo-103 check symbol and the stop pattern.
 */
public final class Code128 {
    public static final int START_B = 104;
    public static final int START_C = 105;
    public static final int STOP = 106;

    /** Bar and space widths in modules, bar first, for each symbol value (the stop pattern has a seventh, its final bar). */
    private static final String[] PATTERNS = {
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    };

    private Code128() { }

    /** Refuses what Code 128 set B cannot carry: null, empty, longer than 80 characters, or outside ASCII 32..126. */
    public static String requireEncodable(String data) {
        if (data == null || data.isEmpty()) throw new IllegalArgumentException("nothing to encode in Code 128");
        if (data.length() > 80) throw new IllegalArgumentException("too long for a Code 128 label barcode: " + data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c < 32 || c > 126) throw new IllegalArgumentException("Code 128 set B cannot encode character " + (int) c);
        }
        return data;
    }

    /** The symbol values: start code, data, check symbol, stop. */
    public static int[] symbols(String data) {
        requireEncodable(data);
        List<Integer> values = new ArrayList<>();
        if (numeric(data)) {
            values.add(START_C);
            for (int i = 0; i < data.length(); i += 2) values.add(Integer.parseInt(data.substring(i, i + 2)));
        } else {
            values.add(START_B);
            for (int i = 0; i < data.length(); i++) values.add(data.charAt(i) - 32);
        }
        int sum = values.get(0);
        for (int i = 1; i < values.size(); i++) sum += i * values.get(i);
        values.add(sum % 103);
        values.add(STOP);
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The widths of the bars and spaces in modules, left to right, starting and ending with a bar (no quiet zones). */
    public static int[] widths(String data) {
        int[] symbols = symbols(data);
        int[] out = new int[(symbols.length - 1) * 6 + 7];
        int n = 0;
        for (int s : symbols) {
            String p = PATTERNS[s];
            for (int i = 0; i < p.length(); i++) out[n++] = p.charAt(i) - '0';
        }
        return out;
    }

    /** The symbol's width in modules: 11 per symbol and 13 for the stop. */
    public static int modules(String data) {
        int sum = 0;
        for (int w : widths(data)) sum += w;
        return sum;
    }

    private static boolean numeric(String data) {
        if (data.length() < 4 || data.length() % 2 != 0) return false;
        for (int i = 0; i < data.length(); i++) {
            if (data.charAt(i) < '0' || data.charAt(i) > '9') return false;
        }
        return true;
    }
}
