package dev.oms.platform.observability;

import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.oms.platform.config.Env;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The functions' log: Lambda's own logger on Lambda, whose JSON log format (the template's {@code LoggingConfig})
 * adds the timestamp, level and request id and filters by {@code ApplicationLogLevel}; plain text lines elsewhere
 * ({@code OMS_LOG_FORMAT=Text}, the local runtime's default). No logging framework is loaded at cold start.
 * {@code OMS_LOG_LEVEL} (DEBUG, INFO, WARN, ERROR; INFO by default) filters before anything is formatted.
 * Messages take {@code {}} placeholders, as SLF4J's do.
 */
public final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final boolean text;
    private final int threshold;

    Log(boolean text, String level) {
        this.text = text;
        this.threshold = rank(level);
    }

    static Log fromEnvironment() {
        boolean onLambda = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null && System.getenv("AWS_LAMBDA_RUNTIME_API") != null;
        String format = Env.get("OMS_LOG_FORMAT", onLambda ? "Json" : "Text");
        return new Log("Text".equalsIgnoreCase(format), Env.get("OMS_LOG_LEVEL", "INFO"));
    }

    public boolean isDebugEnabled() { return threshold <= 0; }

    public void debug(String message, Object... args) { log(LogLevel.DEBUG, 0, message, args, null); }

    public void info(String message, Object... args) { log(LogLevel.INFO, 1, message, args, null); }

    public void warn(String message, Object... args) { log(LogLevel.WARN, 2, message, args, null); }

    public void error(String message, Object... args) { log(LogLevel.ERROR, 3, message, args, null); }

    public void error(String message, Throwable t) { log(LogLevel.ERROR, 3, message, new Object[0], t); }

    private void log(LogLevel level, int rank, String message, Object[] args, Throwable t) {
        if (rank < threshold) return;
        String line = format(message, args);
        if (t != null) line = line + System.lineSeparator() + stackTrace(t);
        if (text) {
            System.out.println(LocalTime.now().format(TIME) + " " + String.format("%-5s", level) + " oms " + line);
        } else {
            LambdaRuntime.getLogger().log(line, level);
        }
    }

    /** Replaces each {@code {}} with the next argument, as SLF4J does; a last extra Throwable is appended. */
    static String format(String message, Object... args) {
        if (args == null || args.length == 0) return message;
        StringBuilder b = new StringBuilder(message.length() + 32);
        int arg = 0;
        int from = 0;
        int at;
        while ((at = message.indexOf("{}", from)) >= 0 && arg < args.length) {
            b.append(message, from, at).append(args[arg++]);
            from = at + 2;
        }
        b.append(message, from, message.length());
        if (arg < args.length && args[args.length - 1] instanceof Throwable t) b.append(System.lineSeparator()).append(stackTrace(t));
        return b.toString();
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString().stripTrailing();
    }

    private static int rank(String level) {
        return switch (level == null ? "INFO" : level.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE", "DEBUG" -> 0;
            case "WARN" -> 2;
            case "ERROR", "FATAL" -> 3;
            case "OFF" -> 4;
            default -> 1;
        };
    }
}
