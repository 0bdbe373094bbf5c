package dev.oms.local.sfn.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One argument of an intrinsic function call, as parsed from the definition. */
public sealed interface IntrinsicArgument {

    /** A nested call such as {@code States.Array(1, 2)}. */
    record Call(String name, List<IntrinsicArgument> arguments) implements IntrinsicArgument {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * A single-quoted string. {@code value} has the escapes resolved; {@code raw} keeps them, because
     * {@code States.Format} must tell an escaped brace {@code \{} from a placeholder {@code {}}.
     */
    record Text(String value, String raw) implements IntrinsicArgument {
    }

    /** A number, {@code true}, {@code false} or {@code null}. */
    record Literal(JsonNode value) implements IntrinsicArgument {
    }

    /** A path into the input ({@code $.a}) or the context object ({@code $$.Execution.Id}). */
    record Path(String path) implements IntrinsicArgument {
    }
}
