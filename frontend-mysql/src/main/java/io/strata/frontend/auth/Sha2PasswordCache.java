package io.strata.frontend.auth;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * caching_sha2_password's cache: the accounts that have passed full authentication since the
 * server started, by user, host and digest. Only they may use the fast SHA256 challenge-response;
 * anyone else goes through full authentication first, as in MySQL. Keying on the digest makes a
 * password change invalidate the entry. One cache per server; nothing is shared between servers.
 */
public final class Sha2PasswordCache {
    private final Set<String> entries = ConcurrentHashMap.newKeySet();

    public boolean contains(String user, String host, byte[] sha2Digest) {
        return entries.contains(key(user, host, sha2Digest));
    }

    public void add(String user, String host, byte[] sha2Digest) {
        entries.add(key(user, host, sha2Digest));
    }

    /** Forgets everything (MySQL does so on FLUSH PRIVILEGES). */
    public void clear() {
        entries.clear();
    }

    private static String key(String user, String host, byte[] digest) {
        return user + '\0' + host + '\0' + HexFormat.of().formatHex(digest);
    }
}
