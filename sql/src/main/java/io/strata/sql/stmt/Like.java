package io.strata.sql.stmt;

import io.strata.optimizer.func.MysqlFunctions;

import java.util.Locale;

/**
 * MySQL's LIKE for SHOW … LIKE and COM_FIELD_LIST wildcards: {@code %} any run, {@code _} one
 * character, backslash escapes. Identifiers match case-insensitively there, unlike the binary LIKE of
 * queries, so both sides are lower-cased before the query LIKE does the matching.
 */
public final class Like {
    private Like() {
    }

    public static boolean matches(String pattern, String text) {
        return MysqlFunctions.likeMatch(text.toLowerCase(Locale.ROOT), pattern.toLowerCase(Locale.ROOT), '\\');
    }
}
