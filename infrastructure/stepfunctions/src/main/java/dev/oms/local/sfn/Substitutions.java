package dev.oms.local.sfn;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code DefinitionSubstitutions} (as in SAM and CloudFormation) to a definition's text: every
 * {@code ${Name}} with a value in the map is replaced by the value as it is (no JSON escaping, the way
 * CloudFormation does it). Placeholders without a value are left as they are; {@link #unresolved} lists them.
 */
public final class Substitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.:-]+)}");

    private Substitutions() {
    }

    public static String apply(String definitionText, Map<String, String> substitutions) {
        Matcher matcher = PLACEHOLDER.matcher(definitionText);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = substitutions.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The placeholder names in the text that the map has no value for. */
    public static Set<String> unresolved(String definitionText, Map<String, String> substitutions) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(definitionText);
        while (matcher.find()) {
            if (!substitutions.containsKey(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
