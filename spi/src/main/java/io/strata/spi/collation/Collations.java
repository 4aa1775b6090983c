package io.strata.spi.collation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.strata.spi.collation.Collation.Kind;

/**
 * The collations Strata implements, by name and id. The server default is MySQL 8's
 * {@code utf8mb4_0900_ai_ci}. utf8mb3 ("utf8") and latin1 names are accepted as their utf8mb4
 * counterparts: text is stored as UTF-8 whatever the declared character set.
 */
public final class Collations {
    public static final Collation UTF8MB4_0900_AI_CI = new Collation("utf8mb4_0900_ai_ci", 255, "utf8mb4", Kind.INSENSITIVE, false);
    public static final Collation UTF8MB4_0900_BIN = new Collation("utf8mb4_0900_bin", 309, "utf8mb4", Kind.BINARY, false);
    public static final Collation UTF8MB4_BIN = new Collation("utf8mb4_bin", 46, "utf8mb4", Kind.BINARY, true);
    public static final Collation UTF8MB4_GENERAL_CI = new Collation("utf8mb4_general_ci", 45, "utf8mb4", Kind.INSENSITIVE, true);
    public static final Collation UTF8MB4_UNICODE_CI = new Collation("utf8mb4_unicode_ci", 224, "utf8mb4", Kind.INSENSITIVE, true);
    public static final Collation BINARY = new Collation("binary", 63, "binary", Kind.BINARY, false);

    public static final Collation DEFAULT = UTF8MB4_0900_AI_CI;

    private static final List<Collation> ALL = List.of(UTF8MB4_0900_AI_CI, UTF8MB4_0900_BIN, UTF8MB4_BIN,
            UTF8MB4_GENERAL_CI, UTF8MB4_UNICODE_CI, BINARY);
    private static final Map<String, Collation> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Collation> DEFAULT_OF_CHARSET = new LinkedHashMap<>();

    static {
        for (Collation c : ALL) {
            BY_NAME.put(c.name(), c);
        }
        for (String cs : List.of("utf8mb3", "utf8")) {
            BY_NAME.put(cs + "_general_ci", UTF8MB4_GENERAL_CI);
            BY_NAME.put(cs + "_bin", UTF8MB4_BIN);
            BY_NAME.put(cs + "_unicode_ci", UTF8MB4_UNICODE_CI);
            DEFAULT_OF_CHARSET.put(cs, UTF8MB4_GENERAL_CI);
        }
        BY_NAME.put("latin1_swedish_ci", UTF8MB4_GENERAL_CI);
        BY_NAME.put("latin1_general_ci", UTF8MB4_GENERAL_CI);
        BY_NAME.put("latin1_bin", UTF8MB4_BIN);
        BY_NAME.put("ascii_general_ci", UTF8MB4_GENERAL_CI);
        BY_NAME.put("ascii_bin", UTF8MB4_BIN);
        DEFAULT_OF_CHARSET.put("utf8mb4", UTF8MB4_0900_AI_CI);
        DEFAULT_OF_CHARSET.put("latin1", UTF8MB4_GENERAL_CI);
        DEFAULT_OF_CHARSET.put("ascii", UTF8MB4_GENERAL_CI);
        DEFAULT_OF_CHARSET.put("binary", BINARY);
    }

    private Collations() {
    }

    public static List<Collation> all() {
        return ALL;
    }

    /** The collation called {@code name} (case-insensitive), if Strata implements it. */
    public static Optional<Collation> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The default collation of a character set, if the character set is known. */
    public static Optional<Collation> defaultOf(String charset) {
        return charset == null ? Optional.empty() : Optional.ofNullable(DEFAULT_OF_CHARSET.get(charset.toLowerCase(Locale.ROOT)));
    }

    /** The collation called {@code name}, or error 1273 (unknown collation) as MySQL answers. */
    public static Collation require(String name) {
        return byName(name).orElseThrow(() -> io.strata.spi.ErrorCode.UNKNOWN_COLLATION.error(name));
    }

    public static Optional<Collation> byId(int id) {
        return ALL.stream().filter(c -> c.id() == id).findFirst();
    }
}
