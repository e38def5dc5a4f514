package dev.spotburst.localcloud;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${Name}} placeholders the way CloudFormation's {@code DefinitionSubstitutions} does: plain text
 * replacement of every occurrence of a known name; unknown placeholders are left as they are.
 */
final class DefinitionSubstitutions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private DefinitionSubstitutions() {
    }

    static String apply(String definition, Map<String, String> substitutions) {
        Matcher m = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder(definition.length());
        while (m.find()) {
            String value = substitutions.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
