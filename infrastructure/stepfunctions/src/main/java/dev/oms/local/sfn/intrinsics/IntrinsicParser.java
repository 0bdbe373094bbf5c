package dev.oms.local.sfn.intrinsics;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.oms.local.sfn.paths.JsonPaths;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an intrinsic function expression such as
 * {@code States.Format('Order {} for \'{}\'', $.orderId, States.ArrayGetItem($.names, 0))}.
 *
 * <pre>
 * call     := 'States.' name '(' [ argument { ',' argument } ] ')'
 * argument := call | string | number | 'true' | 'false' | 'null' | path
 * string   := "'" { char | '\' any } "'"          escapes: \' \{ \} \\
 * path     := '$' ... up to the next ',' or ')' outside brackets, parentheses and quotes
 * </pre>
 */
public final class IntrinsicParser {
    private static final int MAX_NESTING = 10;

    private final String text;
    private int position;
    private int depth;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    public static IntrinsicArgument.Call parse(String text) {
        IntrinsicParser parser = new IntrinsicParser(text);
        parser.skipSpaces();
        IntrinsicArgument.Call call = parser.call();
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    /** True when a {@code "key.$"} value is meant as an intrinsic function rather than a path. */
    public static boolean looksLikeIntrinsic(String value) {
        return value != null && value.startsWith("States.");
    }

    private IntrinsicArgument.Call call() {
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_')) {
            position++;
        }
        String name = text.substring(start, position);
        if (!name.startsWith("States.") || name.length() == "States.".length()) {
            throw error("expected an intrinsic function name such as States.Format");
        }
        if (!IntrinsicFunctions.isKnown(name)) {
            throw error("unknown intrinsic function " + name);
        }
        if (++depth > MAX_NESTING) {
            throw error("intrinsic functions nest at most " + MAX_NESTING + " deep");
        }
        skipSpaces();
        expect('(');
        List<IntrinsicArgument> arguments = new ArrayList<>();
        skipSpaces();
        if (peek() != ')') {
            arguments.add(argument());
            skipSpaces();
            while (peek() == ',') {
                position++;
                skipSpaces();
                arguments.add(argument());
                skipSpaces();
            }
        }
        expect(')');
        depth--;
        return new IntrinsicArgument.Call(name, arguments);
    }

    private IntrinsicArgument argument() {
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (text.startsWith("States.", position)) {
            return call();
        }
        if (text.startsWith("true", position)) {
            position += 4;
            return new IntrinsicArgument.Literal(BooleanNode.TRUE);
        }
        if (text.startsWith("false", position)) {
            position += 5;
            return new IntrinsicArgument.Literal(BooleanNode.FALSE);
        }
        if (text.startsWith("null", position)) {
            position += 4;
            return new IntrinsicArgument.Literal(NullNode.getInstance());
        }
        throw error("expected a string, number, path or intrinsic function");
    }

    private IntrinsicArgument.Text string() {
        expect('\'');
        StringBuilder value = new StringBuilder();
        int start = position;
        while (true) {
            if (position >= text.length()) {
                throw error("unterminated string literal");
            }
            char c = text.charAt(position++);
            if (c == '\'') {
                break;
            }
            if (c == '\\') {
                if (position >= text.length()) {
                    throw error("dangling escape at the end of a string literal");
                }
                value.append(text.charAt(position++));
            } else {
                value.append(c);
            }
        }
        return new IntrinsicArgument.Text(value.toString(), text.substring(start, position - 1));
    }

    private IntrinsicArgument.Literal number() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        while (position < text.length() && (Character.isDigit(peek()) || "+-.eE".indexOf(peek()) >= 0)) {
            position++;
        }
        String literal = text.substring(start, position);
        try {
            BigDecimal value = new BigDecimal(literal);
            if (literal.matches("-?\\d+") && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                return new IntrinsicArgument.Literal(LongNode.valueOf(value.longValueExact()));
            }
            return new IntrinsicArgument.Literal(DecimalNode.valueOf(value));
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("invalid number " + literal);
        }
    }

    private IntrinsicArgument.Path path() {
        int start = position;
        int brackets = 0;
        int parentheses = 0;
        char quote = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (quote != 0) {
                if (c == '\\') {
                    position++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (c == '(') {
                parentheses++;
            } else if (c == ')') {
                if (parentheses == 0 && brackets == 0) {
                    break;
                }
                parentheses--;
            } else if (c == ',' && brackets == 0 && parentheses == 0) {
                break;
            }
            position++;
        }
        String path = text.substring(start, position).trim();
        if (!JsonPaths.isValid(path)) {
            throw error("invalid JSONPath " + path);
        }
        return new IntrinsicArgument.Path(path);
    }

    private void expect(char expected) {
        if (peek() != expected) {
            throw error("expected '" + expected + "'");
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(
                "Invalid intrinsic function '" + text + "': " + message + " at position " + position);
    }
}
