package io.strata.rowstore.command;

import java.util.Arrays;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * One key's change inside a prewrite. The value is carried in full (a learner applying the log must
 * be able to build the row without reading RocksDB). {@code value} is null unless {@code op == PUT}.
 */
public record Mutation(Op op, byte[] key, byte[] value) {
    public enum Op {
        PUT(1), DELETE(2), LOCK(3);

        private final byte code;

        Op(int code) {
            this.code = (byte) code;
        }

        public byte code() {
            return code;
        }

        public static Op fromCode(byte c) {
            for (Op o : values()) {
                if (o.code == c) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown mutation op " + c);
        }
    }

    public Mutation {
        requireNonNull(op, "op is null");
        requireNonNull(key, "key is null");
        if ((op == Op.PUT) != (value != null)) {
            throw new IllegalArgumentException(op + " mutation " + (value == null ? "needs" : "takes no") + " value");
        }
    }

    public static Mutation put(byte[] key, byte[] value) {
        return new Mutation(Op.PUT, key, value);
    }

    public static Mutation delete(byte[] key) {
        return new Mutation(Op.DELETE, key, null);
    }

    public static Mutation lock(byte[] key) {
        return new Mutation(Op.LOCK, key, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mutation m && op == m.op && Arrays.equals(key, m.key) && Arrays.equals(value, m.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * op.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return op + " " + HexFormat.of().formatHex(key);
    }
}
