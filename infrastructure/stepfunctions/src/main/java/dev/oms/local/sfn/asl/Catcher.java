package dev.oms.local.sfn.asl;

import dev.oms.local.sfn.paths.ReferencePath;
import java.util.List;

/**
 * One element of a state's {@code Catch} array. {@code resultPath} places the error output
 * ({@code {"Error": ..., "Cause": ...}}) into the state's raw input; null means {@code "ResultPath": null}
 * (the raw input passes on unchanged).
 */
public record Catcher(List<String> errorEquals, String next, ReferencePath resultPath) {
    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
