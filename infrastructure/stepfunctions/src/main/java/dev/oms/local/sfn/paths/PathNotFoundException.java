package dev.oms.local.sfn.paths;

/** A JSONPath selected nothing in the document it was applied to. */
public class PathNotFoundException extends RuntimeException {
    private final String path;

    public PathNotFoundException(String path, String detail) {
        super("The JSONPath '" + path + "' could not be found in the input" + (detail == null ? "" : ": " + detail));
        this.path = path;
    }

    public String path() {
        return path;
    }
}
