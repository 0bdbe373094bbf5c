package dev.oms.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.EncodeHintType;
import com.google.zxing.oned.Code128Writer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Code128Test {

    @Test
    void setBSymbolsAndCheckSymbol() {
        // W=55 i=73 k=75 p=80 e=69 d=68 a=65; check = (104 + sum of position x value) mod 103 = 3281 mod 103 = 88
        assertThat(Code128.symbols("Wikipedia")).containsExactly(104, 55, 73, 75, 73, 80, 69, 68, 73, 65, 88, 106);
    }

    @Test
    void evenDigitsUseSetC() {
        // 105 + 1*12 + 2*34 + 3*56 = 353; 353 mod 103 = 44
        assertThat(Code128.symbols("123456")).containsExactly(105, 12, 34, 56, 44, 106);
        // odd digit counts and short ones stay in set B
        assertThat(Code128.symbols("12345")[0]).isEqualTo(Code128.START_B);
        assertThat(Code128.symbols("12")[0]).isEqualTo(Code128.START_B);
    }

    @Test
    void patternsFromTheSpecification() {
        // start B is 2-1-1-2-1-4, stop 2-3-3-1-1-1-2, value 0 (space in set B) 2-1-2-2-2-2
        int[] w = Code128.widths(" ");
        assertThat(w).startsWith(2, 1, 1, 2, 1, 4, 2, 1, 2, 2, 2, 2).endsWith(2, 3, 3, 1, 1, 1, 2);
        assertThat(Code128.modules("Wikipedia")).isEqualTo(11 * 11 + 13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Wikipedia", "1Z999AA10123456784", " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "JD014600006251234567", "12345"})
    void sameBarsAsZxingsWriter(String data) {
        boolean numeric = data.chars().allMatch(Character::isDigit) && data.length() % 2 == 0 && data.length() >= 4;
        boolean[] expected = new Code128Writer().encode(data, Map.of(EncodeHintType.FORCE_CODE_SET, numeric ? "C" : "B"));
        assertThat(bits(Code128.widths(data))).isEqualTo(expected);
    }

    @Test
    void refusesWhatSetBCannotCarry() {
        assertThatThrownBy(() -> Code128.symbols("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Code128.symbols("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Code128.symbols("a\tb")).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean[] bits(int[] widths) {
        int total = 0;
        for (int w : widths) total += w;
        boolean[] out = new boolean[total];
        int x = 0;
        for (int i = 0; i < widths.length; i++) {
            for (int k = 0; k < widths[i]; k++) out[x++] = i % 2 == 0;
        }
        return out;
    }
}
