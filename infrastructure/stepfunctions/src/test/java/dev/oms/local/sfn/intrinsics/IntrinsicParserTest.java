package dev.oms.local.sfn.intrinsics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntrinsicParserTest {

    @Test
    void parsesNestedCallsLiteralsAndPaths() {
        IntrinsicArgument.Call call = IntrinsicParser.parse(
                "States.Format( 'a \\'b\\' \\{c\\}' , $.x[0].y, $$.Execution.Id, -1.5e2, 7, true, null, "
                        + "States.Array($.items[?(@.qty > 1)].sku, 'x,y'))");
        assertThat(call.name()).isEqualTo("States.Format");
        assertThat(call.arguments()).hasSize(8);
        IntrinsicArgument.Text text = (IntrinsicArgument.Text) call.arguments().get(0);
        assertThat(text.value()).isEqualTo("a 'b' {c}");
        assertThat(text.raw()).isEqualTo("a \\'b\\' \\{c\\}");
        assertThat(call.arguments().get(1)).isEqualTo(new IntrinsicArgument.Path("$.x[0].y"));
        assertThat(call.arguments().get(2)).isEqualTo(new IntrinsicArgument.Path("$$.Execution.Id"));
        assertThat(((IntrinsicArgument.Literal) call.arguments().get(3)).value().doubleValue()).isEqualTo(-150.0);
        assertThat(((IntrinsicArgument.Literal) call.arguments().get(4)).value().longValue()).isEqualTo(7);
        assertThat(((IntrinsicArgument.Literal) call.arguments().get(5)).value().booleanValue()).isTrue();
        assertThat(((IntrinsicArgument.Literal) call.arguments().get(6)).value().isNull()).isTrue();
        IntrinsicArgument.Call nested = (IntrinsicArgument.Call) call.arguments().get(7);
        assertThat(nested.name()).isEqualTo("States.Array");
        assertThat(nested.arguments()).containsExactly(
                new IntrinsicArgument.Path("$.items[?(@.qty > 1)].sku"), new IntrinsicArgument.Text("x,y", "x,y"));
    }

    @Test
    void parsesCallsWithoutArguments() {
        assertThat(IntrinsicParser.parse("States.UUID()").arguments()).isEmpty();
        assertThat(IntrinsicParser.parse(" States.UUID( ) ").arguments()).isEmpty();
    }

    @Test
    void rejectsMalformedExpressions() {
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Format('x'")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Format('x)")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Format(x)")).hasMessageContaining("expected a string");
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Nope()")).hasMessageContaining("unknown");
        assertThatThrownBy(() -> IntrinsicParser.parse("Format('x')")).hasMessageContaining("intrinsic function name");
        assertThatThrownBy(() -> IntrinsicParser.parse("States.UUID() extra")).hasMessageContaining("after");
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Array($.a[)")).hasMessageContaining("JSONPath");
    }

    @Test
    void limitsNestingToTenLevels() {
        String ten = "States.Array(".repeat(10) + ")".repeat(10);
        assertThat(IntrinsicParser.parse(ten).name()).isEqualTo("States.Array");
        String eleven = "States.Array(".repeat(11) + ")".repeat(11);
        assertThatThrownBy(() -> IntrinsicParser.parse(eleven)).hasMessageContaining("at most 10");
    }
}
