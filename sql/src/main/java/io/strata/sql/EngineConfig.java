package io.strata.sql;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Static settings of one SQL engine instance.
 *
 * @param rootPassword      password of {@code root@%}; empty means no password
 * @param serverVersion     the version string of the handshake, {@code VERSION()} and {@code @@version}
 * @param lockWaitTimeout   default of {@code innodb_lock_wait_timeout}
 * @param idBatchSize       how many ids (table ids, row ids, AUTO_INCREMENT values) one allocation
 *                          transaction reserves; larger batches mean fewer meta writes and bigger gaps
 *                          after a restart
 * @param writeConflictRetries how often an autocommit statement that failed with a write conflict
 *                          is re-run at a fresh timestamp before the error reaches the client
 * @param secureFilePriv    MySQL's {@code secure_file_priv}: the only directory server-side
 *                          {@code LOAD DATA INFILE} may read from; null disables it (error 1290)
 * @param loadDataBatchRows how many rows LOAD DATA writes per transaction in autocommit mode
 */
public record EngineConfig(String rootPassword, String serverVersion, Duration lockWaitTimeout,
                           int idBatchSize, int writeConflictRetries, Path secureFilePriv, int loadDataBatchRows) {
    public static final String DEFAULT_SERVER_VERSION = "8.0.40-Strata";

    public EngineConfig {
        requireNonNull(rootPassword, "rootPassword is null");
        requireNonNull(serverVersion, "serverVersion is null");
        requireNonNull(lockWaitTimeout, "lockWaitTimeout is null");
        if (idBatchSize < 1) {
            throw new IllegalArgumentException("idBatchSize must be positive");
        }
        if (writeConflictRetries < 0) {
            throw new IllegalArgumentException("writeConflictRetries must not be negative");
        }
        if (loadDataBatchRows < 1) {
            throw new IllegalArgumentException("loadDataBatchRows must be positive");
        }
        secureFilePriv = secureFilePriv == null ? null : secureFilePriv.toAbsolutePath().normalize();
    }

    public static EngineConfig defaults() {
        return new EngineConfig("", DEFAULT_SERVER_VERSION, Duration.ofSeconds(50), 1000, 3, null, 20_000);
    }

    public EngineConfig withRootPassword(String password) {
        return new EngineConfig(password, serverVersion, lockWaitTimeout, idBatchSize, writeConflictRetries, secureFilePriv,
                loadDataBatchRows);
    }

    public EngineConfig withServerVersion(String version) {
        return new EngineConfig(rootPassword, version, lockWaitTimeout, idBatchSize, writeConflictRetries, secureFilePriv,
                loadDataBatchRows);
    }

    public EngineConfig withLockWaitTimeout(Duration timeout) {
        return new EngineConfig(rootPassword, serverVersion, timeout, idBatchSize, writeConflictRetries, secureFilePriv,
                loadDataBatchRows);
    }

    public EngineConfig withIdBatchSize(int size) {
        return new EngineConfig(rootPassword, serverVersion, lockWaitTimeout, size, writeConflictRetries, secureFilePriv,
                loadDataBatchRows);
    }

    /** Lets server-side LOAD DATA INFILE read files under {@code dir} (null: not at all). */
    public EngineConfig withSecureFilePriv(Path dir) {
        return new EngineConfig(rootPassword, serverVersion, lockWaitTimeout, idBatchSize, writeConflictRetries, dir,
                loadDataBatchRows);
    }

    public EngineConfig withLoadDataBatchRows(int rows) {
        return new EngineConfig(rootPassword, serverVersion, lockWaitTimeout, idBatchSize, writeConflictRetries, secureFilePriv,
                rows);
    }
}
