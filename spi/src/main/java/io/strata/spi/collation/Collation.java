package io.strata.spi.collation;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A MySQL collation of a text column: how two strings compare. Every collation is realised as a
 * sort key — a string whose code-point order and equality are the collation's order and equality
 * — so that row-by-row comparison, hashing (GROUP BY, DISTINCT, joins) and index keys all agree:
 * an index on a column stores the sort key of the value, the row keeps the value as written.
 *
 * <p>Three families:
 * <ul>
 *   <li>binary, NO PAD ({@code utf8mb4_0900_bin}, {@code binary}): the key is the string itself;
 *   <li>binary, PAD SPACE ({@code utf8mb4_bin}): trailing spaces do not count ({@code 'a' = 'a '});
 *   <li>case- and accent-insensitive ({@code utf8mb4_0900_ai_ci} NO PAD, {@code utf8mb4_general_ci}
 *       and {@code utf8mb4_unicode_ci} PAD SPACE): the key folds case and strips accents
 *       (canonical decomposition, combining marks dropped, full case folding, so {@code 'ß' = 'ss'}).
 * </ul>
 * The insensitive keys order letters and digits as MySQL does; punctuation and symbols order by
 * code point rather than by UCA weight (see docs/compatibility.md).
 *
 * @param id       the collation id MySQL clients know (column definitions, handshake)
 * @param padSpace trailing spaces are ignored in comparisons (not by LIKE)
 */
public record Collation(String name, int id, String charset, Kind kind, boolean padSpace) {
    public enum Kind { BINARY, INSENSITIVE }

    /** True when the sort key is the string itself: comparisons need no rewriting. */
    public boolean isIdentity() {
        return kind == Kind.BINARY && !padSpace;
    }

    public boolean caseSensitive() {
        return kind == Kind.BINARY;
    }

    /** The sort key of {@code s}: equal keys ⇔ equal strings under this collation. */
    public String sortKey(String s) {
        if (padSpace) {
            s = trimTrailingSpaces(s);
        }
        return kind == Kind.BINARY ? s : fold(s);
    }

    /** The key LIKE compares subject and pattern by: folded, but trailing spaces kept. */
    public String likeKey(String s) {
        return kind == Kind.BINARY ? s : fold(s);
    }

    static String trimTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Case and accent folding; ASCII text (the common case) takes a copy-free fast path. */
    static String fold(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        boolean ascii = true;
        for (int k = i; k < n; k++) {
            if (s.charAt(k) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            char[] out = s.toCharArray();
            for (int k = i; k < n; k++) {
                char c = out[k];
                if (c >= 'A' && c <= 'Z') {
                    out[k] = (char) (c + ('a' - 'A'));
                }
            }
            return new String(out);
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        for (int k = 0; k < d.length(); ) {
            int cp = d.codePointAt(k);
            k += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                b.appendCodePoint(cp);
            }
        }
        return b.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
