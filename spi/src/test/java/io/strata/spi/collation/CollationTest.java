package io.strata.spi.collation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollationTest {
    private static boolean eq(Collation c, String a, String b) {
        return c.sortKey(a).equals(c.sortKey(b));
    }

    @Test
    void aiCiIgnoresCaseAndAccentsButNotTrailingSpaces() {
        Collation c = Collations.UTF8MB4_0900_AI_CI;
        assertTrue(eq(c, "Alice", "alice"));
        assertTrue(eq(c, "résumé", "RESUME"));
        assertTrue(eq(c, "straße", "STRASSE"));
        assertTrue(!eq(c, "a", "a "), "utf8mb4_0900_ai_ci is NO PAD");
        assertTrue(!eq(c, "a", "b"));
    }

    @Test
    void padSpaceCollationsIgnoreTrailingSpacesOnly() {
        assertTrue(eq(Collations.UTF8MB4_BIN, "a", "a   "));
        assertTrue(!eq(Collations.UTF8MB4_BIN, "a", " a"));
        assertTrue(!eq(Collations.UTF8MB4_BIN, "a", "A"));
        assertTrue(eq(Collations.UTF8MB4_GENERAL_CI, "Ab ", "aB"));
        assertTrue(!eq(Collations.UTF8MB4_0900_BIN, "a", "a "));
        assertEquals("a ", Collations.UTF8MB4_GENERAL_CI.likeKey("A "), "LIKE does not pad");
    }

    @Test
    void identityCollationsReturnTheSameString() {
        String s = "MiXed ";
        assertSame(s, Collations.UTF8MB4_0900_BIN.sortKey(s));
        assertSame(s, Collations.BINARY.sortKey(s));
        assertTrue(Collations.BINARY.isIdentity());
        assertTrue(!Collations.UTF8MB4_BIN.isIdentity());
        String lower = "already lower";
        assertSame(lower, Collations.DEFAULT.sortKey(lower), "ASCII lower case needs no copy");
    }

    @Test
    void insensitiveOrderIsAlphabeticalAcrossCase() {
        List<String> words = new ArrayList<>(List.of("cherry", "Banana", "apple", "Äpfel", "banana2", "Zebra", "10", "9"));
        Collation c = Collations.DEFAULT;
        words.sort(Comparator.comparing(c::sortKey));
        assertEquals(List.of("10", "9", "Äpfel", "apple", "Banana", "banana2", "cherry", "Zebra"), words);
    }

    @Test
    void sortKeyIsIdempotent() {
        for (Collation c : Collations.all()) {
            for (String s : List.of("Ünïcödé  ", "ABC", "", "  x  ", "ǅ", "ﬀ")) {
                assertEquals(c.sortKey(s), c.sortKey(c.sortKey(s)), c.name() + " " + s);
            }
        }
    }

    @Test
    void namesAliasesAndCharsetDefaults() {
        assertSame(Collations.UTF8MB4_GENERAL_CI, Collations.byName("UTF8_GENERAL_CI").orElseThrow());
        assertSame(Collations.UTF8MB4_0900_AI_CI, Collations.defaultOf("utf8mb4").orElseThrow());
        assertSame(Collations.UTF8MB4_BIN, Collations.byId(46).orElseThrow());
        assertTrue(Collations.byName("klingon_ci").isEmpty());
        assertNotEquals(Collations.UTF8MB4_BIN.id(), Collations.UTF8MB4_0900_BIN.id());
    }
}
