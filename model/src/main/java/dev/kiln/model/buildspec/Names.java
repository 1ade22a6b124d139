package dev.kiln.model.buildspec;

import java.util.regex.Pattern;

/** Rules for names users give: shell variables, batch identifiers. */
final class Names {
    private static final Pattern SHELL_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,127}");

    private Names() {}

    static boolean isShellVariable(String name) {
        return SHELL_VARIABLE.matcher(name).matches();
    }

    static boolean isBatchIdentifier(String name) {
        return IDENTIFIER.matcher(name).matches();
    }
}
