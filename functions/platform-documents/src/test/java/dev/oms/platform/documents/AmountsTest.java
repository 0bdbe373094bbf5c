package dev.oms.platform.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmountsTest {
    @Test
    void minorUnitsWithTheCurrencyExponent() {
        assertThat(Amounts.format(4995, 2)).isEqualTo("49.95");
        assertThat(Amounts.format(5000, 0)).isEqualTo("5000");
        assertThat(Amounts.format(1234, 3)).isEqualTo("1.234");
        assertThat(Amounts.format(5, 2)).isEqualTo("0.05");
        assertThat(Amounts.format(-4995, 2)).isEqualTo("-49.95");
        assertThat(Amounts.format(0, 3)).isEqualTo("0.000");
        assertThat(Amounts.format(Long.MAX_VALUE, 2)).isEqualTo("92233720368547758.07");
    }

    @Test
    void weights() {
        assertThat(Amounts.kilograms(1250)).isEqualTo("1.25 kg");
        assertThat(Amounts.kilograms(1000)).isEqualTo("1 kg");
        assertThat(Amounts.kilograms(20000)).isEqualTo("20 kg");
        assertThat(Amounts.kilograms(5)).isEqualTo("0.005 kg");
    }

    @Test
    void textTheStandardFontsCannotShowBecomesQuestionMarks() {
        assertThat(WinAnsiText.safe("Zo\u00eb \u00d8rsted \u20ac5 \u2013 Fran\u00e7ois")).isEqualTo("Zo\u00eb \u00d8rsted \u20ac5 \u2013 Fran\u00e7ois");
        assertThat(WinAnsiText.safe("\u5c71\u7530 \u0395\u03bb \ud83d\udce6")).isEqualTo("?? ?? ?");
        assertThat(WinAnsiText.safe("a\tb\nc\u0000d")).isEqualTo("a b c d");
        assertThat(WinAnsiText.safe(null)).isEmpty();
    }
}
